/**
 * The map's composition: the whole region at its true place, plus (when the story's region has
 * one) a magnified inset of a crowded area — in the shipped story Central America, where four of
 * the six countries share a strip a few per cent of the frame wide — set in the open sea to the west. Both are drawn by the one MapLibre map from one GeoJSON source:
 * the inset's features are copies of the originals (same `iso3`, so feature-state for hover and
 * selection, colours and clicks apply to both copies at once), clipped to the inset's area and
 * moved and scaled in Web Mercator space, where a uniform scale keeps shapes exactly similar.
 *
 * The magnification follows the frame's shape: as large as the frame's width allows while the
 * main map keeps the full height, within [MIN, MAX]. Pure maths in CSS pixels and degrees, tested
 * without a browser; `toComposed` is the one way any coordinate (a label point, later a prison or
 * a link end) reaches the map.
 */
import type { Story } from '../data/schema.ts';
import { clipPolygons, cutOut } from './clip.ts';

export type LngLat = [number, number];
export type Bounds = [LngLat, LngLat];

export interface CompositionConfig {
  /** The region the main map must show whole: west-south and east-north corners, degrees. */
  main: Bounds;
  /** The area magnified in the inset (with a margin around its countries); null = no inset. */
  insetSource: Bounds | null;
  /** Inset magnification bounds (linear, relative to the main map). */
  minMagnification: number;
  maxMagnification: number;
}

/** A story's composition, from its story.json `region`. */
export function compositionConfig(region: Story['region']): CompositionConfig {
  const { inset } = region;
  return {
    main: region.main,
    insetSource: inset ? inset.source : null,
    minMagnification: inset ? inset.minMagnification : 1,
    maxMagnification: inset ? inset.maxMagnification : 1,
  };
}

/** Space kept free around the composition inside the map frame, CSS px. */
export const PADDING = 10;
/** Gap between the inset's frame and the main map, CSS px. */
export const INSET_GAP = 14;

export interface Composition {
  magnification: number;
  /** The inset's frame (where the magnified copy is drawn), in composed degrees; null = no inset. */
  insetFrame: Bounds | null;
  /** The area the inset magnifies, where it lies on the main map, in composed degrees; null = no inset. */
  insetSource: Bounds | null;
  /** What the camera fits: main region and inset together. */
  bounds: Bounds;
  /** How far a reader may pan. */
  maxBounds: Bounds;
  /** Where a real-world coordinate is drawn on the main map. */
  toMain(p: LngLat): LngLat;
  /** Where it is drawn in the inset, or null when the inset does not show it. */
  toInset(p: LngLat): LngLat | null;
  /** Where a label or symbol for it goes: in the inset when the inset shows it, else the main map. */
  toComposed(p: LngLat): LngLat;
}

const RAD = Math.PI / 180;
/** Web Mercator, in radians-of-longitude units (x = λ, y = ln tan(π/4 + φ/2)). */
export const mercX = (lng: number) => lng * RAD;
export const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2));
const lngOf = (x: number) => x / RAD;

/** A geometry's coordinates in Web Mercator units, for planar drawing (the SVG map, fallback.svg). */
export function toMercator(g: GeoJSON.Geometry): GeoJSON.Geometry {
  const p = (c: GeoJSON.Position): GeoJSON.Position => [mercX(c[0] as number), mercY(c[1] as number)];
  switch (g.type) {
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(p)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(p))) };
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(p) };
    case 'MultiLineString':
      return { ...g, coordinates: g.coordinates.map((l) => l.map(p)) };
    default:
      return g;
  }
}
const latOf = (y: number) => (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RAD;

function inside(p: LngLat, [[w, s], [e, n]]: Bounds): boolean {
  return p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
}

/**
 * The composition for a map frame of `width` × `height` CSS px. Deterministic; rounded to steps of
 * 0.25 in magnification so small resizes do not rebuild the map's data.
 */
export function compose(viewport: { width: number; height: number }, config: CompositionConfig): Composition {
  const [[mw, ms], [me, mn]] = config.main;
  if (!config.insetSource) return composeMain(config.main);
  const [[sw, ss], [se, sn]] = config.insetSource;
  const mainW = mercX(Math.max(me, se)) - mercX(Math.min(mw, sw));
  const mainH = mercY(Math.max(mn, sn)) - mercY(ms);
  const srcW = mercX(se) - mercX(sw);
  const srcH = mercY(sn) - mercY(ss);
  const W = Math.max(1, viewport.width - 2 * PADDING);
  const H = Math.max(1, viewport.height - 2 * PADDING);
  // With the main map at full height (scale s, px per unit), the inset takes the width left over.
  const s = H / mainH;
  const wanted = (W / s - mainW - INSET_GAP / s) / srcW;
  const tallest = mainH / srcH; // the inset is never taller than the main map
  const raw = Math.min(config.maxMagnification, tallest, Math.max(config.minMagnification, wanted));
  const magnification = Math.floor(raw * 4) / 4;
  // The scale the camera will end up with (narrow frames: set by the width).
  const scale = Math.min(s, W / (mainW + magnification * srcW + INSET_GAP / s));
  const gap = INSET_GAP / scale;
  // The frame's top is level with the composition's top; its east edge a gap west of the main map
  // and of the outline of the inset's source area.
  const frameE = Math.min(mercX(mw), mercX(sw)) - gap;
  const frameW = frameE - magnification * srcW;
  const frameN = Math.max(mercY(mn), mercY(sn));
  const frameS = frameN - magnification * srcH;
  // Composed space is centred on longitude 0, so however wide the frame, the view never reaches
  // the antimeridian (where MapLibre stops drawing).
  const west = frameW;
  const east = Math.max(mercX(me), mercX(se));
  const shift = -(west + east) / 2;
  const lngShifted = (x: number) => lngOf(x + shift);
  const toMain = (p: LngLat): LngLat => [lngShifted(mercX(p[0])), p[1]];
  const toInset = (p: LngLat): LngLat => [
    lngShifted(frameW + (mercX(p[0]) - mercX(sw)) * magnification),
    latOf(frameS + (mercY(p[1]) - mercY(ss)) * magnification),
  ];
  const insetFrame: Bounds = [
    [lngShifted(frameW), latOf(frameS)],
    [lngShifted(frameE), latOf(frameN)],
  ];
  const bounds: Bounds = [
    [lngShifted(west), Math.min(ms, insetFrame[0][1])],
    [lngShifted(east), latOf(frameN)],
  ];
  const source = config.insetSource;
  return {
    magnification,
    insetFrame,
    insetSource: [toMain(source[0]), toMain(source[1])],
    bounds,
    maxBounds: panLimits(bounds),
    toMain,
    toInset: (p) => (inside(p, source) ? toInset(p) : null),
    toComposed: (p) => (inside(p, source) ? toInset(p) : toMain(p)),
  };
}

/** How far a reader may pan around what the camera fits. */
/**
 * Pan limits wide enough for a camera that fits `bounds` into a share of the frame: `extra` is
 * how many times the bounds' own size may show beyond them on every side (MapLibre will not zoom
 * out past its `maxBounds`). Used while the phones' bottom sheet covers part of the map.
 */
export function widenedLimits(limits: Bounds, bounds: Bounds, extra: number): Bounds {
  const dx = bounds[1][0] - bounds[0][0];
  const dy = mercY(bounds[1][1]) - mercY(bounds[0][1]);
  return [
    [Math.max(-179.9, limits[0][0] - dx * extra), Math.max(-85, latOf(mercY(limits[0][1]) - dy * extra))],
    [Math.min(179.9, limits[1][0] + dx * extra), Math.min(85, latOf(mercY(limits[1][1]) + dy * extra))],
  ];
}

function panLimits(bounds: Bounds): Bounds {
  return [
    [Math.max(-179.9, bounds[0][0] - 40), Math.max(-80, bounds[0][1] - 15)],
    [Math.min(179.9, bounds[1][0] + 40), Math.min(80, bounds[1][1] + 20)],
  ];
}

/** A region without an inset: the main box alone, centred on longitude 0 like the composed one. */
function composeMain([[mw, ms], [me, mn]]: Bounds): Composition {
  const shift = -(mercX(mw) + mercX(me)) / 2;
  const toMain = (p: LngLat): LngLat => [lngOf(mercX(p[0]) + shift), p[1]];
  const bounds: Bounds = [toMain([mw, ms]), toMain([me, mn])];
  return {
    magnification: 1,
    insetFrame: null,
    insetSource: null,
    bounds,
    maxBounds: panLimits(bounds),
    toMain,
    toInset: () => null,
    toComposed: toMain,
  };
}

type Ring = [number, number][];

/** Where a feature is drawn: the main map, the inset, or the inset's own furniture. */
export type Part = 'main' | 'inset' | 'frame' | 'source' | 'connector';
/**
 * A country cut by the inset's frame comes as two features: its area (`fill`, drawn by fill layers
 * only) and its outline (`line`, by line layers only). Every other country is one polygon feature.
 */
export type Draw = 'fill' | 'line';

function polygonsOf(g: GeoJSON.Geometry): Ring[][] {
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

/** A box as a polygon, clockwise (as d3-geo wants exterior rings; MapLibre does not mind). */
function rectangle([[w, s], [e, n]]: Bounds): GeoJSON.Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
    ],
  };
}

/**
 * The boundary features as the map draws them: every country at its place (`part: 'main'`), less
 * what lies under the inset's frame, then copies of those in the inset's source area, clipped to
 * it and moved into the inset (`part: 'inset'`), plus the inset's frame, the outline of its source
 * area on the main map, and two connector lines between them. The main map and the inset are drawn
 * by the same layers, so nothing of the main map may lie under the frame: islands there are
 * dropped, and a polygon across its edge (southern Mexico) is cut, as two features (`Draw`).
 * Feature properties are kept, so `iso3` ties the copies.
 */
export function composeFeatures<P extends object>(
  collection: GeoJSON.FeatureCollection<GeoJSON.Geometry, P>,
  composition: Composition,
  config: CompositionConfig,
): GeoJSON.FeatureCollection<GeoJSON.Geometry, (P & { part: Part; draw?: Draw }) | { part: Part }> {
  const main = collection.features.flatMap((f) => mainFeatures(f, composition));
  const source = config.insetSource;
  const frame = composition.insetFrame;
  const mainSource = composition.insetSource;
  if (!source || !frame || !mainSource) return { type: 'FeatureCollection', features: main };
  const inset = insetFeatures(collection, composition, source);
  return { type: 'FeatureCollection', features: [...main, ...insetFurniture(frame, mainSource), ...inset] };
}

/**
 * A feature at its place on the main map. Land under the inset's frame (islands such as Easter
 * Island, and southern Mexico) is cut out, so the inset, drawn in the same layers, shows nothing of
 * the main map beneath it; a polygon across the frame's edge makes two features, its area and its
 * outline, each cut.
 */
function mainFeatures<P extends object>(
  f: GeoJSON.Feature<GeoJSON.Geometry, P>,
  composition: Composition,
): GeoJSON.Feature<GeoJSON.Geometry, P & { part: Part; draw?: Draw }>[] {
  const frame = composition.insetFrame;
  const polygons = polygonsOf(f.geometry).map((polygon) =>
    polygon.map((ring) => ring.map((p) => composition.toMain(p as LngLat) as [number, number])),
  );
  const properties = { ...f.properties, part: 'main' as Part };
  const whole = (coordinates: Ring[][]) => [
    { ...f, geometry: { type: 'MultiPolygon' as const, coordinates }, properties },
  ];
  if (!frame) return whole(polygons);
  const [[w, s], [e, n]] = frame;
  const cut = cutOut(polygons, [w, s, e, n]);
  if ('whole' in cut) return whole(cut.whole);
  return [
    { ...f, geometry: { type: 'MultiPolygon', coordinates: cut.area }, properties: { ...properties, draw: 'fill' } },
    {
      ...f,
      geometry: { type: 'MultiLineString', coordinates: cut.outline },
      properties: { ...properties, draw: 'line' },
    },
  ];
}

/** Copies of the features in the inset's source area, clipped to it and moved into the inset. */
function insetFeatures<P extends object>(
  collection: GeoJSON.FeatureCollection<GeoJSON.Geometry, P>,
  composition: Composition,
  [[sw, ss], [se, sn]]: Bounds,
): GeoJSON.Feature<GeoJSON.MultiPolygon, P & { part: Part }>[] {
  const inset: GeoJSON.Feature<GeoJSON.MultiPolygon, P & { part: Part }>[] = [];
  for (const f of collection.features) {
    const clipped = clipPolygons(polygonsOf(f.geometry), [sw, ss, se, sn]);
    if (clipped.length === 0) continue;
    const moved = clipped.map((polygon) =>
      polygon.map((ring) => ring.map((p) => composition.toInset(p as LngLat) as [number, number])),
    );
    inset.push({
      ...f,
      geometry: { type: 'MultiPolygon', coordinates: moved },
      properties: { ...f.properties, part: 'inset' as Part },
    });
  }
  return inset;
}

/** The inset's frame, the outline of its source area on the main map, and the two lines between them. */
function insetFurniture(frame: Bounds, mainSource: Bounds): GeoJSON.Feature<GeoJSON.Geometry, { part: Part }>[] {
  const [[, fs], [fe, fn]] = frame;
  const [[mw, ms], [, mn]] = mainSource;
  return [
    { type: 'Feature', properties: { part: 'frame' }, geometry: rectangle(frame) },
    { type: 'Feature', properties: { part: 'source' }, geometry: rectangle(mainSource) },
    {
      type: 'Feature',
      properties: { part: 'connector' },
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [fe, fn],
            [mw, mn],
          ],
          [
            [fe, fs],
            [mw, ms],
          ],
        ],
      },
    },
  ];
}

/**
 * Each focus country's extent (west-south, east-north, composed degrees) where its label goes: the
 * inset copy when there is one, else the main map's. Main-map islands far from the label point are
 * ignored by taking only the polygon that holds it.
 */
export function labelExtents(
  features: GeoJSON.FeatureCollection<GeoJSON.Geometry, object>,
  ids: readonly string[],
): Record<string, Bounds> {
  const out: Record<string, Bounds> = {};
  for (const id of ids) {
    const copies = features.features.filter((f) => (f.properties as { iso3?: string }).iso3 === id);
    const copy =
      copies.find((f) => (f.properties as { part?: Part }).part === 'inset') ??
      copies.find((f) => {
        const { part, draw } = f.properties as { part?: Part; draw?: Draw };
        return part === 'main' && draw !== 'line';
      });
    if (!copy) continue;
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    // The largest polygon by its box's size: a country's mainland, not its islands.
    let best = -1;
    for (const polygon of polygonsOf(copy.geometry)) {
      const ring = polygon[0] ?? [];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      const box: [number, number, number, number] = [
        Math.min(...xs),
        Math.min(...ys),
        Math.max(...xs),
        Math.max(...ys),
      ];
      const size = (box[2] - box[0]) * (box[3] - box[1]);
      if (size > best) {
        best = size;
        [w, s, e, n] = box;
      }
    }
    if (best >= 0)
      out[id] = [
        [w, s],
        [e, n],
      ];
  }
  return out;
}
