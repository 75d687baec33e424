/**
 * Places everything drawn in HTML over the map for the current camera, in order of precedence:
 * the date stamp (placed by CSS) and the prison symbols at their points, then the inset's caption
 * (top left of its frame, or bottom left when a symbol is there), then the map's own controls as
 * obstacles, then the six country labels, which keep clear of all of them, and last the policy
 * links: their arcs join the label points (the United States enters from the map's top edge, at
 * its own longitude), and their markers keep clear of everything placed before. Called on every
 * camera move, resize and text change; writes transforms only, never React state.
 */
import type { FacilityAt } from '../data/facilities.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { Bounds, Composition, LngLat } from './composition.ts';
import type { CountryLabelsHandle } from './country-labels.tsx';
import type { FacilitySymbolsHandle } from './facility-symbols.tsx';
import { layoutLabels, overlaps, type Rect } from './label-layout.ts';
import { type LinkInput, placeLinkGeometry } from './link-layout.ts';
import type { MapLike } from './map-adapter.ts';
import type { PolicyLinksHandle } from './policy-links.tsx';

export interface Overlays {
  map: MapLike;
  container: HTMLElement;
  composition: Composition;
  /** Label points by country (real coordinates) and the drawn extents labels may sit in. */
  anchors: Partial<Record<CountryCode, LngLat>>;
  extents: Record<string, Bounds>;
  labels: CountryLabelsHandle;
  facilities: FacilityAt[];
  symbols: FacilitySymbolsHandle | null;
  caption: HTMLElement | null;
  stamp: HTMLElement | null;
  /** Links shown now (empty when the reader turned them off), oldest first. */
  links: LinkInput[];
  /** Where an outside actor's tag hangs (the story's `outsideActors`). */
  outsideAnchor(code: string): LngLat | undefined;
  linksHandle: PolicyLinksHandle | null;
}

export function placeOverlays(o: Overlays): void {
  const { map, container, composition } = o;
  // Every size and box is read before anything is written, so the browser lays out once, not
  // once per read after a write.
  const obstacles: Rect[] = [];
  if (o.stamp?.offsetWidth)
    obstacles.push({
      x: o.stamp.offsetLeft,
      y: o.stamp.offsetTop,
      width: o.stamp.offsetWidth,
      height: o.stamp.offsetHeight,
    });
  const captionSize = o.caption ? { width: o.caption.offsetWidth, height: o.caption.offsetHeight } : null;
  const frame = container.getBoundingClientRect();
  const controls: Rect[] = [];
  for (const control of container.querySelectorAll('.maplibregl-ctrl')) {
    const r = control.getBoundingClientRect();
    if (r.width && r.height)
      controls.push({ x: r.left - frame.left, y: r.top - frame.top, width: r.width, height: r.height });
  }
  const sizes = o.labels.sizes();
  const tagSizes = o.linksHandle?.tagSizes() ?? {};
  const frameSize = { width: container.clientWidth, height: container.clientHeight };

  const points = Object.fromEntries(
    o.facilities.flatMap((f) =>
      f.lon === undefined || f.lat === undefined ? [] : [[f.id, map.project(composition.toComposed([f.lon, f.lat]))]],
    ),
  );
  obstacles.push(...(o.symbols?.place(points) ?? []));

  const caption = o.caption;
  if (caption && captionSize && composition.insetFrame) {
    const [[west, south], [, north]] = composition.insetFrame;
    const top = map.project([west, north]);
    const bottom = map.project([west, south]);
    const box = (y: number): Rect => ({
      x: Math.max(4, Math.round(top.x + 4)),
      y: Math.max(4, Math.round(y)),
      ...captionSize,
    });
    const upper = box(top.y + 4);
    const placed = obstacles.some((r) => overlaps(upper, r, 2)) ? box(bottom.y - 4 - captionSize.height) : upper;
    caption.style.transform = `translate(${placed.x}px, ${placed.y}px)`;
    caption.style.visibility = 'visible';
    obstacles.push(placed);
  }

  obstacles.push(...controls);

  // The labels' own order (the story's country order): `sizes` has one entry per country.
  const inputs = Object.keys(sizes).flatMap((c) => {
    const point = o.anchors[c];
    const size = sizes[c];
    if (!point || !size) return [];
    const area = o.extents[c];
    const sw = area && map.project(area[0]);
    const ne = area && map.project(area[1]);
    const extent = sw && ne ? { x: sw.x, y: ne.y, width: ne.x - sw.x, height: sw.y - ne.y } : undefined;
    return [{ id: c, anchor: map.project(composition.toComposed(point)), ...size, extent }];
  });
  const boxes = layoutLabels(inputs, frameSize, { obstacles });
  o.labels.place(boxes);
  o.linksHandle?.place(
    placeLinkGeometry({
      links: o.links,
      labels: boxes,
      tagSizes,
      anchorOf: o.outsideAnchor,
      mainX: (lngLat) => map.project(composition.toMain(lngLat)).x,
      obstacles,
      frame: frameSize,
    }),
  );
}
