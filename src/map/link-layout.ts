/**
 * Geometry of the policy links over the map, in CSS pixels (pure, so it is tested without a
 * browser). Every pair of places that some link joins (data/links.ts `linkPairs`) gets one curved
 * arc — all of that pair's links, in either direction, share it, so the seven links between Costa
 * Rica and El Salvador are one thread, not seven crossing lines — with an arrowhead at each end
 * some link points to, and one marker: the button readers focus and click, showing how many links
 * the pair has. The marker always lies on its arc, inside the frame, covering nothing: no country
 * label, prison symbol, caption, control, outside actor's tag or other marker (and, when it can,
 * no other arc). It is sought along the arc from its middle outwards; when the arc has no free
 * spot, the arc bends more, or to its other side, until one has — never a leader line. Arcs end at
 * the edge of the labels they join, so an arrowhead touches its label and never covers it.
 */
import type { LngLat } from './composition.ts';
import { overlaps, type Point, type Rect } from './label-layout.ts';

/** One pair of places to draw (data/links.ts `LinkPair`, as the map needs it). */
export interface PairInput {
  /** The two places' codes, sorted and joined: "AAA|BBB". */
  key: string;
  /** The two places' codes, in that order. */
  ends: [string, string];
  /** Arrowheads: some link points to `ends[0]`, to `ends[1]`. */
  toFirst: boolean;
  toSecond: boolean;
  /** Every link of the pair has ended (a dashed arc). */
  ended: boolean;
  /** A story step is shown and the pair holds none of its links: drawn faded. */
  faded: boolean;
  /** How many links the pair has (the marker's number). */
  count: number;
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
  faded: boolean;
}

export interface LinkMarker {
  /** The pair's key. */
  key: string;
  /** Centre of the marker, a point of its arc. */
  x: number;
  y: number;
  width: number;
}

export interface LinkLayoutInput {
  pairs: PairInput[];
  /** Where each end is (a label point, or the map edge for an outside actor). */
  ends: Record<string, Point>;
  /** Boxes at the ends that arcs stop at (country labels, the outside actor's tag). */
  endBoxes: Record<string, Rect>;
  /** Boxes no marker may cover. */
  obstacles: Rect[];
  frame: { width: number; height: number };
}

/** Marker height (the WCAG 2.5.8 minimum target) and the space kept around it. */
export const MARKER = 24;
const GAP = 2;
/** A marker's width: round up to two digits, a pill beyond. */
export const markerWidth = (count: number) => (count < 100 ? MARKER : MARKER + 7 * (String(count).length - 2));
/**
 * The arc's bulge as a share of the chord (negative: to the other side), at least MIN_BULGE px.
 * The first is every arc's own; the others are tried in turn when an arc has no free spot for its
 * marker.
 */
const BENDS = [0.2, -0.2, 0.32, -0.32, 0.1, -0.1, 0.45, -0.45];
const MIN_BULGE = 14;
/**
 * When no bend has a free spot (a short arc among crowded labels): the arc is drawn through the
 * nearest free point around its middle, up to this far (px), looping out into free space.
 */
const REACH = 160;
/** Markers keep this far (px along the arc) from its ends, where the arrowheads are. */
const END_ROOM = MARKER / 2 + 8;

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
/** A curve's length, near enough (the control polygon and the chord averaged). */
const lengthOf = ({ p0, c, p2 }: Curve) =>
  (Math.hypot(c.x - p0.x, c.y - p0.y) + Math.hypot(p2.x - c.x, p2.y - c.y) + Math.hypot(p2.x - p0.x, p2.y - p0.y)) / 2;

/**
 * The arc between two ends, bulging by `bend` of the chord to one side (the other when negative);
 * or, given a point, the arc that passes through it at its middle.
 */
function curveOf(a: Point, b: Point, bend: number | Point): Curve {
  if (typeof bend !== 'number')
    return { p0: a, p2: b, c: { x: 2 * bend.x - (a.x + b.x) / 2, y: 2 * bend.y - (a.y + b.y) / 2 } };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bulge = Math.sign(bend) * Math.max(MIN_BULGE, Math.abs(bend) * length);
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

/** A pair whose both ends are placed: its input, where its ends are, and the boxes there. */
interface Drawn {
  pair: PairInput;
  a: Point;
  b: Point;
  boxA: Rect | undefined;
  boxB: Rect | undefined;
  width: number;
}

type Frame = { width: number; height: number };

export function layoutLinks({ pairs, ends, endBoxes, obstacles, frame }: LinkLayoutInput): {
  arcs: LinkArc[];
  markers: LinkMarker[];
} {
  const drawn = pairs.flatMap((pair): Drawn[] => {
    const [ka, kb] = pair.ends;
    const a = ends[ka];
    const b = ends[kb];
    return a && b ? [{ pair, a, b, boxA: endBoxes[ka], boxB: endBoxes[kb], width: markerWidth(pair.count) }] : [];
  });
  const fixed: Rect[] = [...obstacles, ...Object.values(endBoxes)];
  const taken: Rect[] = [...fixed];
  const curves = new Map(drawn.map((d) => [d.pair.key, trimmedCurve(d, BENDS[0] as number)]));
  const markers = new Map<string, LinkMarker>();
  // Shortest arcs first: they have the fewest places for a marker.
  const byChord = (d: Drawn) => Math.hypot(d.b.x - d.a.x, d.b.y - d.a.y);
  for (const d of [...drawn].sort((p, q) => byChord(p) - byChord(q))) {
    const others = drawn.filter((o) => o !== d).map((o) => samples(curves.get(o.pair.key) as Curve));
    const { curve, p } = markerOnArc(d, { taken, fixed, others, frame });
    curves.set(d.pair.key, curve);
    const marker = { key: d.pair.key, x: r(p.x), y: r(p.y), width: d.width };
    markers.set(d.pair.key, marker);
    taken.push(markerBox(marker, d.width));
  }
  return {
    arcs: drawn.map((d) => arcOf(d.pair, curves.get(d.pair.key) as Curve)),
    markers: drawn.map((d) => markers.get(d.pair.key) as LinkMarker),
  };
}

/** The arc between a pair's ends, bent by `bend`, less what lies in the boxes at its ends (never past the middle tenth). */
function trimmedCurve({ a, b, boxA, boxB }: Drawn, bend: number | Point): Curve {
  const full = curveOf(a, b, bend);
  const steps = 64;
  let t0 = 0;
  let t1 = 1;
  while (t0 < 0.45 && inBox(at(full, t0), boxA, GAP)) t0 += 1 / steps;
  while (t1 > 0.55 && inBox(at(full, t1), boxB, GAP)) t1 -= 1 / steps;
  return slice(full, t0, t1);
}

function arcOf(p: PairInput, curve: Curve): LinkArc {
  return {
    key: p.key,
    d: `M${r(curve.p0.x)},${r(curve.p0.y)} Q${r(curve.c.x)},${r(curve.c.y)} ${r(curve.p2.x)},${r(curve.p2.y)}`,
    arrowStart: p.toFirst,
    arrowEnd: p.toSecond,
    ended: p.ended,
    faded: p.faded,
  };
}

/** Points along an arc, a few px apart (to tell whether a marker would sit on it). */
function samples(curve: Curve): Point[] {
  const n = Math.max(8, Math.ceil(lengthOf(curve) / 5));
  return Array.from({ length: n + 1 }, (_, i) => at(curve, i / n));
}

/** Points of an arc where a marker may go, best first: from the middle outwards, 3 px apart, clear of its ends. */
function spotsOn(curve: Curve): Point[] {
  const length = lengthOf(curve);
  const margin = Math.min(0.5, END_ROOM / length);
  const step = 3 / length;
  const ts = [0.5];
  for (let k = 1; 0.5 - k * step >= margin; k++) ts.push(0.5 - k * step, 0.5 + k * step);
  return ts.map((t) => at(curve, t));
}

const markerBox = (p: Point, width: number): Rect => ({
  x: p.x - width / 2,
  y: p.y - MARKER / 2,
  width,
  height: MARKER,
});

interface Room {
  /** Everything placed so far (obstacles, end boxes, markers), and what must never be covered. */
  taken: Rect[];
  fixed: Rect[];
  /** The other pairs' arcs, as points. */
  others: Point[][];
  frame: Frame;
}

/**
 * Points around the middle of the arc from `a` to `b`, in rings 6 px apart out to REACH, 32 to a
 * ring, best first: nearest, and across the chord rather than along it (an arc through a point
 * beyond one of its ends would fold back on itself).
 */
function around(centre: Point, a: Point, b: Point): Point[] {
  const chord = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / chord;
  const uy = (b.y - a.y) / chord;
  const out: { p: Point; cost: number }[] = [];
  for (let radius = 6; radius <= REACH; radius += 6)
    for (let k = 0; k < 32; k++) {
      const cos = Math.cos((k * Math.PI) / 16);
      const sin = Math.sin((k * Math.PI) / 16);
      const along = Math.abs(cos * ux + sin * uy);
      out.push({ p: { x: centre.x + radius * cos, y: centre.y + radius * sin }, cost: radius * (1 + along) });
    }
  return out.sort((p, q) => p.cost - q.cost).map(({ p }) => p);
}

/**
 * The pair's arc and its marker's point on it: on the arc of the first bend that has a spot inside
 * the frame covering nothing (and, better, no other arc), searched from the middle outwards; else
 * the arc through the nearest free point around its middle. When there is none: a spot covering
 * no label, symbol or control (over another marker), else the middle of the first arc.
 */
function markerOnArc(d: Drawn, room: Room): { curve: Curve; p: Point } {
  const inside = (p: Point) =>
    p.x >= d.width / 2 + GAP &&
    p.y >= MARKER / 2 + GAP &&
    p.x <= room.frame.width - d.width / 2 - GAP &&
    p.y <= room.frame.height - MARKER / 2 - GAP;
  const clear = (p: Point, boxes: Rect[]) => !boxes.some((o) => overlaps(markerBox(p, d.width), o, GAP));
  const offArcs = (p: Point) => !room.others.some((arc) => arc.some((q) => inBox(q, markerBox(p, d.width), 1)));
  const curves = BENDS.map((bend) => trimmedCurve(d, bend));
  for (const curve of curves)
    for (const test of [offArcs, () => true]) {
      const p = spotsOn(curve).find((q) => inside(q) && clear(q, room.taken) && test(q));
      if (p) return { curve, p };
    }
  const first = curves[0] as Curve;
  for (const boxes of [room.taken, room.fixed]) {
    const p = around(at(first, 0.5), d.a, d.b).find((q) => inside(q) && clear(q, boxes));
    if (p) return { curve: trimmedCurve(d, p), p };
  }
  return { curve: first, p: at(first, 0.5) };
}

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * A callout's leader line (from the label's nearest edge to its point, country-labels.tsx) and the
 * dot at its point, as small boxes a few px apart: no marker covers them.
 */
function leaderBoxes(b: Rect & { anchor: Point }): Rect[] {
  const from = {
    x: Math.min(Math.max(b.anchor.x, b.x), b.x + b.width),
    y: Math.min(Math.max(b.anchor.y, b.y), b.y + b.height),
  };
  const n = Math.ceil(Math.hypot(b.anchor.x - from.x, b.anchor.y - from.y) / 4);
  const boxes = Array.from({ length: n }, (_, i) => ({
    x: from.x + ((b.anchor.x - from.x) * i) / n - 1,
    y: from.y + ((b.anchor.y - from.y) * i) / n - 1,
    width: 2,
    height: 2,
  }));
  return [...boxes, { x: b.anchor.x - 4, y: b.anchor.y - 4, width: 8, height: 8 }];
}

/**
 * Everything the links need once the labels are placed: each end at its label point (an arc stops
 * at the edge of a label that sits on its point, so its arrowhead touches it) — or, when another
 * country's label covers that point (crowded callouts on a phone), at its own label, so no arc
 * comes out from under another country's name — each outside actor's tag at the top edge above
 * its own longitude and clear of what is there, then `layoutLinks`.
 * Used by the live map (place-overlays.ts) and the exported image (export-image.ts).
 */
export function placeLinkGeometry(args: {
  pairs: PairInput[];
  /** The placed country labels; a callout has a leader line to a dot at its point. */
  labels: (Rect & { id: string; anchor: Point; callout?: boolean })[];
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
  const covers = (r: Rect, p: Point) => overlaps(r, { x: p.x, y: p.y, width: 0, height: 0 }, 0);
  for (const b of labels) {
    const hidden = labels.some((o) => o.id !== b.id && covers(o, b.anchor));
    ends[b.id] = hidden ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : b.anchor;
    if (hidden || covers(b, b.anchor)) endBoxes[b.id] = b;
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
  const leaders = labels.filter((b) => b.callout ?? !covers(b, b.anchor)).flatMap(leaderBoxes);
  const layout = layoutLinks({
    pairs: args.pairs,
    ends,
    endBoxes,
    obstacles: [...obstacles, ...labels, ...leaders],
    frame,
  });
  return { ...layout, tags };
}
