/**
 * Clips GeoJSON polygons to a longitude/latitude box (Sutherland–Hodgman, one edge at a time).
 * The boundary build uses it for the few countries whose territory reaches far outside the region
 * (the United States, France, the Netherlands); the map composition uses it to cut out the inset's area. Shared
 * borders stay identical in both neighbours because clipping the same
 * segment against the same edge yields the same point.
 */
type Ring = [number, number][];
type Box = readonly [number, number, number, number];

function clipRing(ring: Ring, box: Box): Ring {
  const [w, s, e, n] = box;
  const edges: [(p: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]][] = [
    [(p) => p[0] >= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= e, (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= s, (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s]],
    [(p) => p[1] <= n, (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n]],
  ];
  let out = ring.slice(0, -1); // work on the open ring
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i] as [number, number];
      const prev = input[(i + input.length - 1) % input.length] as [number, number];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
    if (out.length === 0) return [];
  }
  if (out.length < 3) return [];
  return [...out, out[0] as [number, number]];
}

/** Returns the polygons of a (Multi)Polygon clipped to `box`, dropping parts that fall outside. */
export function clipPolygons(polygons: Ring[][], box: Box): Ring[][] {
  const result: Ring[][] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon.map((r) => clipRing(r, box));
    if (!outer || outer.length === 0) continue;
    result.push([outer, ...holes.filter((h) => h.length > 0)]);
  }
  return result;
}

/** Far beyond any coordinate: the open sides of the boxes around a cut-out. */
const FAR = 1e9;

/**
 * The polygons outside `box`: the parts to its west, its east, and above and below it between its
 * sides (four box clips). The parts meet along the box's sides, extended through the polygon: drawn
 * as one fill without an edge pass (MapLibre) or as one path (SVG), they show no seam; their rings
 * are not the country's outline (see `ringsOutside`).
 */
export function clipPolygonsOutside(polygons: Ring[][], box: Box): Ring[][] {
  const [w, s, e, n] = box;
  const around: Box[] = [
    [-FAR, -FAR, w, FAR],
    [e, -FAR, FAR, FAR],
    [w, n, e, FAR],
    [w, -FAR, e, s],
  ];
  return around.flatMap((b) => clipPolygons(polygons, b));
}

/** The part of segment a→b inside `box` as [t0, t1] (Liang–Barsky), or null when none is. */
function insideSpan(a: [number, number], b: [number, number], [w, s, e, n]: Box): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  for (const [p, q] of [
    [-dx, a[0] - w],
    [dx, e - a[0]],
    [-dy, a[1] - s],
    [dy, n - a[1]],
  ] as const) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

/** The polygons' rings as lines, without their stretches inside `box` (an outline for `clipPolygonsOutside`). */
export function ringsOutside(polygons: Ring[][], box: Box): Ring[] {
  const lines: Ring[] = [];
  for (const ring of polygons.flat()) {
    const own: Ring[] = [];
    let line: Ring = [];
    const at = (a: [number, number], b: [number, number], t: number): [number, number] => [
      a[0] + (b[0] - a[0]) * t,
      a[1] + (b[1] - a[1]) * t,
    ];
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1] as [number, number];
      const b = ring[i] as [number, number];
      const span = insideSpan(a, b, box);
      if (!span || span[0] === span[1]) {
        if (line.length === 0) line.push(a);
        line.push(b);
        continue;
      }
      const [t0, t1] = span;
      if (t0 > 0) {
        if (line.length === 0) line.push(a);
        line.push(at(a, b, t0));
      }
      if (line.length > 1) own.push(line);
      line = t1 < 1 ? [at(a, b, t1), b] : [];
    }
    if (line.length > 1) own.push(line);
    // A ring that starts outside the box: its last line runs on into its first.
    const first = own[0];
    const last = own[own.length - 1];
    if (own.length > 1 && first && last && first[0] === ring[0] && last[last.length - 1] === ring[ring.length - 1]) {
      own[0] = [...last, ...first.slice(1)];
      own.pop();
    }
    lines.push(...own);
  }
  return lines;
}
