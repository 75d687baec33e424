/**
 * Places everything drawn in HTML over the map for the current camera, in order of precedence:
 * the date stamp (placed by CSS) and the prison symbols at their points, then the inset's caption
 * (top left of its frame, or bottom left when a symbol is there), then the map's own controls as
 * obstacles, then the six country labels, which keep clear of all of them, and last the policy
 * links, one arc and marker per pair of places: the arcs join the label points (the United States
 * enters from the map's top edge, at its own longitude), and each marker lies on its arc, clear of
 * everything placed before. Called on every
 * camera move, resize and text change; writes transforms only, never React state.
 */
import type { FacilityAt } from '../data/facilities.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { Bounds, Composition, LngLat } from './composition.ts';
import type { CountryLabelsHandle } from './country-labels.tsx';
import type { FacilitySymbolsHandle } from './facility-symbols.tsx';
import { layoutLabels, overlaps, type Rect } from './label-layout.ts';
import { type PairInput, placeLinkGeometry } from './link-layout.ts';
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
  /** Links shown now, one per pair of places (empty when the reader turned them off). */
  links: PairInput[];
  /** Where an outside actor's tag hangs (the story's `outsideActors`). */
  outsideAnchor(code: string): LngLat | undefined;
  linksHandle: PolicyLinksHandle | null;
}

/**
 * Every size and box the placing needs, read before anything is written, so the browser lays out
 * once, not once per read after a write.
 */
interface Measured {
  stamp: Rect | null;
  captionSize: { width: number; height: number } | null;
  /** The map's own controls, in the frame's coordinates. */
  controls: Rect[];
  labelSizes: ReturnType<CountryLabelsHandle['sizes']>;
  tagSizes: ReturnType<PolicyLinksHandle['tagSizes']>;
  frameSize: { width: number; height: number };
}

export function placeOverlays(o: Overlays): void {
  const { map, composition } = o;
  const measured = measure(o);
  const obstacles: Rect[] = measured.stamp ? [measured.stamp] : [];
  obstacles.push(...placeSymbols(o));
  const caption = placeCaption(o, measured.captionSize, obstacles);
  if (caption) obstacles.push(caption);
  obstacles.push(...measured.controls);
  const boxes = layoutLabels(labelInputs(o, measured.labelSizes), measured.frameSize, { obstacles });
  o.labels.place(boxes);
  o.linksHandle?.place(
    placeLinkGeometry({
      pairs: o.links,
      labels: boxes,
      tagSizes: measured.tagSizes,
      anchorOf: o.outsideAnchor,
      mainX: (lngLat) => map.project(composition.toMain(lngLat)).x,
      obstacles,
      frame: measured.frameSize,
    }),
  );
}

function measure(o: Overlays): Measured {
  const { container, stamp, caption } = o;
  return {
    stamp: stamp?.offsetWidth
      ? { x: stamp.offsetLeft, y: stamp.offsetTop, width: stamp.offsetWidth, height: stamp.offsetHeight }
      : null,
    captionSize: caption ? { width: caption.offsetWidth, height: caption.offsetHeight } : null,
    controls: controlBoxes(container),
    labelSizes: o.labels.sizes(),
    tagSizes: o.linksHandle?.tagSizes() ?? {},
    frameSize: { width: container.clientWidth, height: container.clientHeight },
  };
}

/** The map's own controls (zoom buttons, attribution), as obstacles in the frame's coordinates. */
function controlBoxes(container: HTMLElement): Rect[] {
  const frame = container.getBoundingClientRect();
  const controls: Rect[] = [];
  for (const control of container.querySelectorAll('.maplibregl-ctrl')) {
    const r = control.getBoundingClientRect();
    if (r.width && r.height)
      controls.push({ x: r.left - frame.left, y: r.top - frame.top, width: r.width, height: r.height });
  }
  return controls;
}

/** Moves the prison symbols to their points; returns the boxes they take. */
function placeSymbols(o: Overlays): Rect[] {
  const { map, composition } = o;
  const points = Object.fromEntries(
    o.facilities.flatMap((f) =>
      f.lon === undefined || f.lat === undefined ? [] : [[f.id, map.project(composition.toComposed([f.lon, f.lat]))]],
    ),
  );
  return o.symbols?.place(points) ?? [];
}

/** The inset's caption: top left of its frame, or bottom left when something is there; its box. */
function placeCaption(o: Overlays, size: { width: number; height: number } | null, obstacles: Rect[]): Rect | null {
  const { map, composition, caption } = o;
  if (!caption || !size || !composition.insetFrame) return null;
  const [[west, south], [, north]] = composition.insetFrame;
  const top = map.project([west, north]);
  const bottom = map.project([west, south]);
  const box = (y: number): Rect => ({
    x: Math.max(4, Math.round(top.x + 4)),
    y: Math.max(4, Math.round(y)),
    ...size,
  });
  const upper = box(top.y + 4);
  const placed = obstacles.some((r) => overlaps(upper, r, 2)) ? box(bottom.y - 4 - size.height) : upper;
  caption.style.transform = `translate(${placed.x}px, ${placed.y}px)`;
  caption.style.visibility = 'visible';
  return placed;
}

/** The labels' inputs, in the labels' own order (the story's country order): `sizes` has one entry per country. */
function labelInputs(o: Overlays, sizes: Measured['labelSizes']) {
  const { map, composition } = o;
  return Object.keys(sizes).flatMap((c) => {
    const point = o.anchors[c];
    const size = sizes[c];
    if (!point || !size) return [];
    const area = o.extents[c];
    const sw = area && map.project(area[0]);
    const ne = area && map.project(area[1]);
    const extent = sw && ne ? { x: sw.x, y: ne.y, width: ne.x - sw.x, height: sw.y - ne.y } : undefined;
    return [{ id: c, anchor: map.project(composition.toComposed(point)), ...size, extent }];
  });
}
