/**
 * This app's map style (map-style.ts) drawn as SVG markup, with no DOM: the style's layers, its
 * GeoJSON sources, their feature-state and images, fitted to a frame like MapLibre's `fitBounds`.
 * It takes MapLibre's setters (`setPaintProperty`, `setFilter`, `setFeatureState`, a source's
 * `setData`) with MapLibre's rules, so the one path from state to map (apply.ts) drives it too.
 * The live SVG map (svg-map.ts) puts its markup in the page; the stills (still.ts) put it in a
 * document — in the browser and at build time alike.
 */

import { clipPolygons } from './clip.ts';
import type { Bounds } from './composition.ts';
import { mercX, mercY, toMercator } from './composition.ts';
import { type Expression, evaluate, type Feature } from './expression.ts';

interface StyleLayer {
  id: string;
  type: 'background' | 'fill' | 'line';
  source?: string;
  filter?: Expression;
  paint?: Record<string, Expression>;
}
interface Style {
  layers: StyleLayer[];
  sources: Record<string, { type: 'geojson'; data: GeoJSON.FeatureCollection; promoteId?: string }>;
}
export interface StyleImage {
  width: number;
  height: number;
  data: Uint8Array;
}
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
export interface Size {
  width: number;
  height: number;
}

/** MapLibre's `padding` option (a number or per side) as four sides. */
export function paddingOf(padding: unknown): Padding {
  if (typeof padding === 'number') return { top: padding, right: padding, bottom: padding, left: padding };
  if (padding && typeof padding === 'object') return { top: 0, right: 0, bottom: 0, left: 0, ...padding };
  return { top: 0, right: 0, bottom: 0, left: 0 };
}

/** Web Mercator units (composition.ts `toMercator`) to the frame's px. */
export type Planar = (xy: [number, number]) => [number, number];

/**
 * Web Mercator drawn flat, `bounds` fitted into `size` less `padding` and centred (MapLibre's
 * `fitBounds`; the arithmetic of d3-geo's `geoIdentity().reflectY(true).fitExtent`).
 */
export function fitProjection([[w, s], [e, n]]: Bounds, padding: Padding, size: Size): Planar {
  const { top, right, bottom, left } = padding;
  const width = Math.max(1, size.width - right - left);
  const height = Math.max(1, size.height - bottom - top);
  const [x0, x1, y0, y1] = [mercX(w), mercX(e), mercY(s), mercY(n)];
  const k = Math.min(width / (x1 - x0), height / (y1 - y0));
  const tx = left + (width - k * (x1 + x0)) / 2;
  const ty = top + (height + k * (y1 + y0)) / 2;
  return ([x, y]) => [k * x + tx, ty - k * y];
}

/** Points closer than this to the last point kept are dropped (px): nothing a reader could see. */
const MIN_STEP = 1;
/** How far beyond the frame shapes are kept (px): their clipped edges stay out of sight. */
const MARGIN = 16;

type Ring = [number, number][];

/** A ring in px without the points within a pixel of the last one kept (most of a coastline at this size). */
function ringPath(ring: Ring, close: boolean): string {
  let out = '';
  let last: [number, number] | null = null;
  ring.forEach(([x, y], i) => {
    const end = i === ring.length - 1;
    if (last && !end && Math.abs(x - last[0]) < MIN_STEP && Math.abs(y - last[1]) < MIN_STEP) return;
    out += `${last ? 'L' : 'M'}${r1(x)},${r1(y)}`;
    last = [x, y];
  });
  return close && out ? `${out}Z` : out;
}

/** A projected polygon clipped to `box`: kept whole inside it, dropped outside it, cut across it. */
function clipped(polygon: Ring[], box: readonly [number, number, number, number]): Ring[][] {
  const [w, s, e, n] = box;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of polygon[0] ?? []) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 >= w && x1 <= e && y0 >= s && y1 <= n) return [polygon];
  if (x1 < w || x0 > e || y1 < s || y0 > n) return [];
  return clipPolygons([polygon], box);
}

/**
 * A projected geometry's SVG path data in a frame of `size`, a tenth of a px precise: areas are
 * clipped to the frame (plus a margin), and points within a pixel of the last one are dropped.
 */
export function pathData(g: GeoJSON.Geometry, project: Planar, size: Size): string {
  const px = (points: GeoJSON.Position[]): Ring => points.map((p) => project([p[0] as number, p[1] as number]));
  const box = [-MARGIN, -MARGIN, size.width + MARGIN, size.height + MARGIN] as const;
  const areas = (polygons: GeoJSON.Position[][][]) =>
    polygons
      .flatMap((polygon) => clipped(polygon.map(px), box))
      .flatMap((polygon) => polygon.map((r) => ringPath(r, true)))
      .join('');
  switch (g.type) {
    case 'Polygon':
      return areas([g.coordinates]);
    case 'MultiPolygon':
      return areas(g.coordinates);
    case 'LineString':
      return ringPath(px(g.coordinates), false);
    case 'MultiLineString':
      return g.coordinates.map((l) => ringPath(px(l), false)).join('');
    case 'GeometryCollection':
      return g.geometries.map((x) => pathData(x, project, size)).join('');
    default:
      return '';
  }
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export class StyleDrawing {
  private readonly style: Style;
  private readonly data = new Map<string, { features: Feature[]; projected: GeoJSON.Geometry[] }>();
  private readonly states = new Map<string, Record<string, unknown>>();
  private readonly images = new Map<string, StyleImage>();
  /** Reports what MapLibre would report as an `error` event (an unknown layer or source). */
  onError: (error: Error) => void = (error) => console.error(error);
  /** Asks for an image the style uses and nobody added (MapLibre's missing-image resolver). */
  resolveImage: ((id: string) => void) | null = null;

  constructor(style: unknown) {
    this.style = structuredClone(style) as Style;
    for (const [id, source] of Object.entries(this.style.sources)) this.setData(id, source.data);
  }

  private layer(id: string): StyleLayer | null {
    const layer = this.style.layers.find((l) => l.id === id);
    if (!layer) this.onError(new Error(`Cannot style non-existing layer "${id}".`));
    return layer ?? null;
  }
  setPaintProperty(layer: string, name: string, value: unknown): boolean {
    const l = this.layer(layer);
    if (l) l.paint = { ...l.paint, [name]: value };
    return l !== null;
  }
  setFilter(layer: string, filter: unknown): boolean {
    const l = this.layer(layer);
    if (l) l.filter = filter;
    return l !== null;
  }
  setFeatureState(feature: { source: string; id: string }, state: Record<string, unknown>): boolean {
    if (!this.data.has(feature.source)) {
      this.onError(new Error(`The source '${feature.source}' does not exist in the map's style.`));
      return false;
    }
    this.states.set(feature.id, { ...this.states.get(feature.id), ...state });
    return true;
  }
  hasSource(id: string): boolean {
    return this.data.has(id);
  }
  setData(id: string, data: GeoJSON.FeatureCollection): void {
    const features = data.features as Feature[];
    this.data.set(id, { features, projected: features.map((f) => toMercator(f.geometry)) });
  }
  addImage(id: string, image: StyleImage): void {
    this.images.set(id, image);
  }

  /**
   * The style's layers as SVG markup (a `<defs>` with the patterns used, then one group per
   * layer), in a frame of `size`. `share`: a shape drawn by several layers (a country's fill and
   * its border) is written once, in the `<defs>`, and used by each (stills, where bytes count).
   */
  draw(projection: Planar, size: Size, idPrefix = 'svgmap', share = false): string {
    const patterns = new Map<string, string>();
    const pattern = (image: string) => {
      const pid = `${idPrefix}-${image}`;
      if (!patterns.has(pid)) {
        const def = this.pattern(pid, image);
        if (!def) return null;
        patterns.set(pid, def);
      }
      return `url(#${pid})`;
    };
    const layers = this.style.layers.map((layer) => this.shapes(layer, pattern));
    const uses = new Map<string, number>();
    for (const l of layers) if (Array.isArray(l)) for (const x of l) uses.set(x.key, (uses.get(x.key) ?? 0) + 1);
    const paths = new Map<string, string>();
    const shared = new Map<string, string>();
    const d = (key: string, geometry: GeoJSON.Geometry) => {
      if (!paths.has(key)) paths.set(key, pathData(geometry, projection, size));
      return paths.get(key) as string;
    };
    const groups = layers.map((l, n) => {
      if (typeof l === 'string') return l;
      const body = l.map((x) => {
        const data = d(x.key, x.geometry);
        if (!data) return '';
        const tags = `data-layer="${x.layer}" data-id="${x.id}"${x.attrs}`;
        if (!share || (uses.get(x.key) ?? 0) < 2) return `<path d="${data}" ${tags}/>`;
        if (!shared.has(x.key)) shared.set(x.key, `${idPrefix}-s${shared.size}`);
        return `<use href="#${shared.get(x.key)}" ${tags}/>`;
      });
      return `<g data-layer-group="${(this.style.layers[n] as StyleLayer).id}">${body.join('')}</g>`;
    });
    const defs = [...shared].map(([key, id]) => `<path id="${id}" d="${paths.get(key)}"/>`);
    return `<defs>${[...patterns.values(), ...defs].join('')}</defs>${groups.join('')}`;
  }

  /** One layer's drawn features (their shape's key, id and paint), or the background's markup. */
  private shapes(
    layer: StyleLayer,
    pattern: (image: string) => string | null,
  ): string | { key: string; layer: string; id: string; attrs: string; geometry: GeoJSON.Geometry }[] {
    const paint = layer.paint ?? {};
    if (layer.type === 'background')
      return `<rect width="100%" height="100%" fill="${evaluate(paint['background-color'], null, {})}"/>`;
    const source = layer.source ? this.data.get(layer.source) : undefined;
    if (!layer.source || !source) return [];
    const promote = this.style.sources[layer.source]?.promoteId;
    return source.features.flatMap((feature, i) => {
      if (layer.filter !== undefined && !evaluate(layer.filter, feature, {})) return [];
      const id = promote ? String(feature.properties?.[promote] ?? '') : String(feature.id ?? '');
      const attrs = this.paintAttributes(layer, feature, this.states.get(id) ?? {}, pattern);
      if (attrs === null) return [];
      return [
        { key: `${layer.source}/${i}`, layer: layer.id, id, attrs, geometry: source.projected[i] as GeoJSON.Geometry },
      ];
    });
  }

  /** A feature's fill or stroke attributes for its layer and state; null when it is not drawn. */
  private paintAttributes(
    layer: StyleLayer,
    feature: Feature,
    state: Record<string, unknown>,
    pattern: (image: string) => string | null,
  ): string | null {
    const paint = layer.paint ?? {};
    if (layer.type === 'fill') {
      if (!(Number(evaluate(paint['fill-opacity'] ?? 1, feature, state)) > 0)) return null;
      const image = paint['fill-pattern'];
      const fill = image !== undefined ? pattern(String(evaluate(image, feature, state))) : null;
      return ` fill="${fill ?? String(evaluate(paint['fill-color'], feature, state) ?? 'none')}" stroke="none"`;
    }
    const width = Number(evaluate(paint['line-width'] ?? 1, feature, state));
    const opacity = Number(evaluate(paint['line-opacity'] ?? 1, feature, state));
    if (!(width > 0) || !(opacity > 0)) return null;
    const colour = String(evaluate(paint['line-color'], feature, state));
    return ` fill="none" stroke="${colour}" stroke-width="${r1(width)}" stroke-opacity="${opacity}" stroke-linejoin="round" pointer-events="none"`;
  }

  /** An image as an SVG pattern of its pixels (the hatch is 8 × 8). */
  private pattern(pid: string, id: string): string | null {
    if (!this.images.has(id)) this.resolveImage?.(id);
    const image = this.images.get(id);
    if (!image) return null;
    const pixels: string[] = [];
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const i = (y * image.width + x) * 4;
        pixels.push(
          `<rect x="${x}" y="${y}" width="1" height="1" fill="rgb(${image.data[i]},${image.data[i + 1]},${image.data[i + 2]})"/>`,
        );
      }
    return `<pattern id="${pid}" patternUnits="userSpaceOnUse" width="${image.width}" height="${image.height}">${pixels.join('')}</pattern>`;
  }
}
