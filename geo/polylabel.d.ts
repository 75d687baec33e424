declare module 'polylabel' {
  /** Pole of inaccessibility of a polygon (outer ring first), to `precision` in input units. */
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
