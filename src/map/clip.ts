/**
 * Clips GeoJSON polygons to a longitude/latitude box (Sutherland–Hodgman, one edge at a time).
 * The boundary build uses it for the few countries whose territory reaches far outside the region
 * (the United States, France, the Netherlands); the map composition uses it to copy the inset's
 * area, and `cutOut` to take what lies under the inset's frame out of the main map. Shared borders
 * stay identical in both neighbours because clipping the same segment against the same edge
 * yields the same point.
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
function clipPolygonsOutside(polygons: Ring[][], box: Box): Ring[][] {
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
function ringsOutside(polygons: Ring[][], box: Box): Ring[] {
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

/** Where a polygon lies against a box, by its outer ring's bounding box. */
function against(polygon: Ring[], [w, s, e, n]: Box): 'outside' | 'inside' | 'across' {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of polygon[0] ?? []) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (x0 >= e || x1 <= w || y0 >= n || y1 <= s) return 'outside';
  return x0 >= w && x1 <= e && y0 >= s && y1 <= n ? 'inside' : 'across';
}

/**
 * `polygons` without what lies inside `box`: polygons wholly inside are dropped; when none crosses
 * its edge the rest come back as they are (`whole`), else as an area (`clipPolygonsOutside` of those
 * across the edge) and an outline (`ringsOutside`), to be drawn by fills and by lines apart.
 */
export function cutOut(polygons: Ring[][], box: Box): { whole: Ring[][] } | { area: Ring[][]; outline: Ring[] } {
  const kept = polygons
    .map((polygon) => ({ polygon, where: against(polygon, box) }))
    .filter((p) => p.where !== 'inside');
  const rest = kept.map(({ polygon }) => polygon);
  if (!kept.some(({ where }) => where === 'across')) return { whole: rest };
  return {
    area: kept.flatMap(({ polygon, where }) => (where === 'across' ? clipPolygonsOutside([polygon], box) : [polygon])),
    outline: ringsOutside(rest, box),
  };
}
