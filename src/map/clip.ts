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
