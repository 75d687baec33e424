/**
 * Geometry of the policy links over the map, in CSS pixels (pure, so it is tested without a
 * browser). Every pair of places that some link joins gets one curved arc — all of that pair's
 * links, in either direction, share it, so the seven links between Costa Rica and El Salvador are
 * one thread, not seven crossing lines — with an arrowhead at each end some link points to. Each
 * link then gets its own marker (the button readers focus and click), placed on its arc nearest the
 * middle where it covers nothing: no country label, prison symbol, caption, control or other
 * marker. Markers show their link's direction; arcs end at the edge of the labels they join, so
 * an arrowhead touches its label and never covers it.
 */
import type { LngLat } from './composition.ts';
import { overlaps, type Point, type Rect } from './label-layout.ts';

export interface LinkInput {
  id: string;
  from: string[];
  to: string[];
  mutual: boolean;
  ended: boolean;
}

export interface LinkArc {
  /** The pair's ends, sorted ("BOL|PER"). */
  key: string;
  /** SVG path data of the trimmed arc. */
  d: string;
  /** Arrowheads: at the pair's first end (sorted order), at its second. */
  arrowStart: boolean;
  arrowEnd: boolean;
  /** Every link on the arc has ended. */
  ended: boolean;
}

export interface LinkMarker {
  id: string;
  /** Centre of the marker. */
  x: number;
  y: number;
  /** Direction of the link at the marker, degrees clockwise from east (mutual: along the arc). */
  angle: number;
  mutual: boolean;
  ended: boolean;
  /** Set when the marker had to sit beside its arc: the arc point a leader line joins it to. */
  leader?: Point;
}

export interface LinkLayoutInput {
  links: LinkInput[];
  /** Where each end is (a label point, or the map edge for an outside actor). */
  ends: Record<string, Point>;
  /** Boxes at the ends that arcs stop at (country labels, the outside actor's tag). */
  endBoxes: Record<string, Rect>;
  /** Boxes no marker may cover. */
  obstacles: Rect[];
  frame: { width: number; height: number };
}

/** Marker size (the WCAG 2.5.8 minimum target) and the space kept around it. */
export const MARKER = 24;
const GAP = 2;
/** Arc bulge as a share of the chord, and its minimum in px. */
const BULGE = 0.2;
const MIN_BULGE = 14;

type Curve = { p0: Point; c: Point; p2: Point };

const at = ({ p0, c, p2 }: Curve, t: number): Point => {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y };
};
const tangent = ({ p0, c, p2 }: Curve, t: number): Point => ({
  x: 2 * (1 - t) * (c.x - p0.x) + 2 * t * (p2.x - c.x),
  y: 2 * (1 - t) * (c.y - p0.y) + 2 * t * (p2.y - c.y),
});
const inBox = (p: Point, r: Rect | undefined, pad: number) =>
  !!r && p.x >= r.x - pad && p.x <= r.x + r.width + pad && p.y >= r.y - pad && p.y <= r.y + r.height + pad;

/** The pairs a link joins: each of its origins with each of its destinations. */
function pairsOf(link: LinkInput): [string, string][] {
  return link.from.flatMap((f) => link.to.filter((t) => t !== f).map((t): [string, string] => [f, t]));
}
const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/** The arc between two ends: bulging to the same side whichever way it is walked. */
function curveOf(a: Point, b: Point): Curve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bulge = Math.max(MIN_BULGE, BULGE * length);
  return {
    p0: a,
    p2: b,
    c: { x: (a.x + b.x) / 2 + (dy / length) * bulge, y: (a.y + b.y) / 2 - (dx / length) * bulge },
  };
}

/** The sub-curve between t0 and t1 (de Casteljau), as a quadratic again. */
function slice(curve: Curve, t0: number, t1: number): Curve {
  const p0 = at(curve, t0);
  const p2 = at(curve, t1);
  const d0 = tangent(curve, t0);
  const h = (t1 - t0) / 2;
  return { p0, p2, c: { x: p0.x + d0.x * h, y: p0.y + d0.y * h } };
}

/** An arc between two ends that some link joins, and which of its ends some link points to. */
interface Pair {
  a: string;
  b: string;
  curve: Curve;
  toA: boolean;
  toB: boolean;
  /** Some link on it has not ended. */
  live: boolean;
}

/** A place a marker may go: `p`, at `side` marker widths beside the arc's point `on` (at `t`). */
type Spot = { p: Point; t: number; on: Point; side: number };

export function layoutLinks({ links, ends, endBoxes, obstacles, frame }: LinkLayoutInput): {
  arcs: LinkArc[];
  markers: LinkMarker[];
} {
  const pairs = pairsJoined(links, ends, endBoxes);
  const arcs = [...pairs].map(arcOf);
  // Markers, in the order given (oldest first): on the arc nearest its middle; only when the
  // whole arc is taken, beside it.
  const fixed: Rect[] = [...obstacles, ...Object.values(endBoxes)];
  const taken: Rect[] = [...fixed];
  const markers: LinkMarker[] = [];
  for (const link of links) {
    const [first] = pairsOf(link);
    if (!first) continue;
    const pair = pairs.get(pairKey(...first));
    if (!pair) continue;
    const spot = freeSpot(markerSpots(pair.curve), taken, fixed, frame);
    taken.push(markerBox(spot.p));
    markers.push(markerAt(link, spot, pair.curve, first[1] === pair.b));
  }
  return { arcs, markers };
}

/** One arc per pair of ends, trimmed at the boxes of its ends, with the directions its links point. */
function pairsJoined(links: LinkInput[], ends: Record<string, Point>, endBoxes: Record<string, Rect>) {
  const pairs = new Map<string, Pair>();
  for (const link of links)
    for (const [f, t] of pairsOf(link)) {
      const key = pairKey(f, t);
      const [a, b] = key.split('|') as [string, string];
      const pa = ends[a];
      const pb = ends[b];
      if (!pa || !pb) continue;
      let pair = pairs.get(key);
      if (!pair) {
        pair = { a, b, curve: trimmedCurve(pa, pb, endBoxes[a], endBoxes[b]), toA: false, toB: false, live: false };
        pairs.set(key, pair);
      }
      if (link.mutual || t === b) pair.toB = true;
      if (link.mutual || t === a) pair.toA = true;
      if (!link.ended) pair.live = true;
    }
  return pairs;
}

/** The arc from `a` to `b` less what lies in the boxes at its ends (never past the middle tenth). */
function trimmedCurve(a: Point, b: Point, boxA: Rect | undefined, boxB: Rect | undefined): Curve {
  const full = curveOf(a, b);
  const steps = 64;
  let t0 = 0;
  let t1 = 1;
  while (t0 < 0.45 && inBox(at(full, t0), boxA, GAP)) t0 += 1 / steps;
  while (t1 > 0.55 && inBox(at(full, t1), boxB, GAP)) t1 -= 1 / steps;
  return slice(full, t0, t1);
}

function arcOf([key, p]: [string, Pair]): LinkArc {
  return {
    key,
    d: `M${r(p.curve.p0.x)},${r(p.curve.p0.y)} Q${r(p.curve.c.x)},${r(p.curve.c.y)} ${r(p.curve.p2.x)},${r(p.curve.p2.y)}`,
    arrowStart: p.toA,
    arrowEnd: p.toB,
    ended: !p.live,
  };
}

/**
 * Where a marker may go, best first: half a marker apart along the arc, from the middle outwards,
 * up to a tenth from either end; then the same at growing distances beside the arc, either side.
 */
function markerSpots(curve: Curve): Spot[] {
  const length = Math.hypot(curve.p2.x - curve.p0.x, curve.p2.y - curve.p0.y) || 1;
  const step = (MARKER + GAP) / 2 / length;
  const ts = [0.5];
  for (let k = 1; k * step <= 0.4; k++) ts.push(0.5 - k * step, 0.5 + k * step);
  const spots: Spot[] = [];
  for (const side of [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6])
    for (const t of ts) {
      const p = at(curve, t);
      const d = tangent(curve, t);
      const n = Math.hypot(d.x, d.y) || 1;
      const off = side * (MARKER + GAP);
      spots.push({ p: { x: p.x - (d.y / n) * off, y: p.y + (d.x / n) * off }, t, on: p, side });
    }
  return spots;
}

const markerBox = (p: Point): Rect => ({ x: p.x - MARKER / 2, y: p.y - MARKER / 2, width: MARKER, height: MARKER });

/**
 * The first spot inside the frame free of everything; else free of what must never be covered
 * (labels, controls, captions), over another marker; else anywhere in the frame.
 */
function freeSpot(spots: Spot[], taken: Rect[], fixed: Rect[], frame: { width: number; height: number }): Spot {
  const insideFrame = (p: Point) =>
    p.x >= MARKER / 2 && p.y >= MARKER / 2 && p.x <= frame.width - MARKER / 2 && p.y <= frame.height - MARKER / 2;
  return (
    spots.find(({ p }) => insideFrame(p) && !taken.some((o) => overlaps(markerBox(p), o, GAP))) ??
    spots.find(({ p }) => insideFrame(p) && !fixed.some((o) => overlaps(markerBox(p), o, GAP))) ??
    spots.find(({ p }) => insideFrame(p)) ??
    (spots[0] as Spot)
  );
}

/** A link's marker at `spot`, turned along its arc towards its destination. */
function markerAt(link: LinkInput, spot: Spot, curve: Curve, forward: boolean): LinkMarker {
  const d = tangent(curve, spot.t);
  const angle = (Math.atan2(d.y, d.x) * 180) / Math.PI + (forward ? 0 : 180);
  return {
    id: link.id,
    x: r(spot.p.x),
    y: r(spot.p.y),
    angle: r(((angle % 360) + 360) % 360),
    mutual: link.mutual,
    ended: link.ended,
    ...(spot.side !== 0 ? { leader: { x: r(spot.on.x), y: r(spot.on.y) } } : {}),
  };
}

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * Everything the links need once the labels are placed: each end at its label point (an arc stops
 * at the edge of a label that sits on its point, so its arrowhead touches it), each outside actor's
 * tag at the top edge above its own longitude and clear of what is there, then `layoutLinks`.
 * Used by the live map (place-overlays.ts) and the exported image (export-image.ts).
 */
export function placeLinkGeometry(args: {
  links: LinkInput[];
  labels: (Rect & { id: string; anchor: Point })[];
  /** Measured (or estimated) size of each outside actor's tag. */
  tagSizes: Record<string, { width: number; height: number }>;
  /** Where an outside actor's tag enters from the map's top edge: above this point (story.json `outsideActors[].anchor`). */
  anchorOf(code: string): LngLat | undefined;
  /** The x (CSS px) of a longitude/latitude on the main map. */
  mainX(lngLat: LngLat): number;
  obstacles: Rect[];
  frame: { width: number; height: number };
}): { arcs: LinkArc[]; markers: LinkMarker[]; tags: Record<string, Rect> } {
  const { labels, obstacles, frame } = args;
  const ends: Record<string, Point> = {};
  const endBoxes: Record<string, Rect> = {};
  for (const b of labels) {
    ends[b.id] = b.anchor;
    if (overlaps(b, { x: b.anchor.x, y: b.anchor.y, width: 0, height: 0 }, 0)) endBoxes[b.id] = b;
  }
  const tags: Record<string, Rect> = {};
  for (const [code, size] of Object.entries(args.tagSizes)) {
    const lngLat = args.anchorOf(code);
    if (!lngLat || !size.width) continue;
    const x0 = args.mainX(lngLat) - size.width / 2;
    const clampX = (x: number) => Math.min(Math.max(x, 4), frame.width - size.width - 4);
    let box: Rect = { x: clampX(x0), y: 4, ...size };
    for (let shift = 0; shift < frame.width && [...obstacles, ...labels].some((r) => overlaps(box, r, 4)); shift += 12)
      box = { ...box, x: clampX(x0 + shift) };
    tags[code] = box;
    ends[code] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    endBoxes[code] = box;
  }
  const layout = layoutLinks({ links: args.links, ends, endBoxes, obstacles: [...obstacles, ...labels], frame });
  return { ...layout, tags };
}
