import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoundaries } from '../../src/map/boundaries.ts';
import {
  type Bounds,
  type Composition,
  compose,
  composeFeatures,
  INSET_GAP,
  labelExtents,
  mercX,
  mercY,
  PADDING,
} from '../../src/map/composition.ts';
import { isCompactFilter, NARROW_MAX, WIDE_MIN } from '../../src/ui/layout.ts';
import { COMPOSITION, FOCUS_COUNTRIES } from '../fixtures/story.ts';
import { stylesheets } from '../fixtures/stylesheets.ts';

/** The inset's frame: the shipped story has an inset, so a composition without one is a failure. */
function frameOf(c: Composition): Bounds {
  if (!c.insetFrame) throw new Error('the shipped story has an inset');
  return c.insetFrame;
}

const boundaries = parseBoundaries(JSON.parse(readFileSync('src/data/content/boundaries.topo.json', 'utf8')));
/** Screen px per Mercator unit once the camera fits the composition's bounds into the frame. */
function fittedScale(c: ReturnType<typeof compose>, width: number, height: number) {
  const [[w, s], [e, n]] = c.bounds;
  return Math.min((width - 2 * PADDING) / (mercX(e) - mercX(w)), (height - 2 * PADDING) / (mercY(n) - mercY(s)));
}
/** El Salvador's drawn width (px) in the inset for a frame of this size. */
function salvadorPx(width: number, height: number) {
  const c = compose({ width, height }, COMPOSITION);
  const slv = composeFeatures(boundaries.geojson, c, COMPOSITION).features.find(
    (f) => 'iso3' in f.properties && f.properties.iso3 === 'SLV' && f.properties.part === 'inset',
  );
  if (!slv) throw new Error('no inset copy of El Salvador');
  const xs = (slv.geometry as GeoJSON.MultiPolygon).coordinates.flat(2).map((p) => mercX(p[0] as number));
  return (Math.max(...xs) - Math.min(...xs)) * fittedScale(c, width, height);
}

describe('composition: the region and the Central America inset', () => {
  it('magnifies Central America more where the frame is wide, within its limits', () => {
    const phone = compose({ width: 351, height: 439 }, COMPOSITION);
    const laptop = compose({ width: 816, height: 477 }, COMPOSITION);
    expect(phone.magnification).toBeGreaterThanOrEqual(COMPOSITION.minMagnification);
    expect(laptop.magnification).toBeGreaterThan(phone.magnification);
    expect(laptop.magnification).toBeLessThanOrEqual(COMPOSITION.maxMagnification);
    expect(compose({ width: 5000, height: 400 }, COMPOSITION).magnification).toBe(COMPOSITION.maxMagnification);
    expect(compose({ width: 200, height: 2000 }, COMPOSITION).magnification).toBe(COMPOSITION.minMagnification);
  });

  it('draws El Salvador large enough to see in the frames of a laptop and a phone', () => {
    // The map frames the built layout gives at 1280×800 and 375×740 (measured in the browser too).
    expect(salvadorPx(816, 477)).toBeGreaterThanOrEqual(48);
    expect(salvadorPx(351, 439)).toBeGreaterThanOrEqual(28);
  });

  it('puts the inset west of the main map with a gap, level with its top, and never past the antimeridian', () => {
    for (const [width, height] of [
      [256, 320],
      [351, 439],
      [816, 477],
      [960, 640],
      [1000, 400], // the widest frame the layout makes is about 2:1
    ] as const) {
      const c = compose({ width, height }, COMPOSITION);
      const scale = fittedScale(c, width, height);
      const mainWest = c.toMain([(COMPOSITION.insetSource as Bounds)[0][0], 0])[0];
      const gapPx = (mercX(mainWest) - mercX(frameOf(c)[1][0])) * scale;
      expect(gapPx, `${width}×${height}`).toBeGreaterThanOrEqual(INSET_GAP - 0.5);
      expect(frameOf(c)[1][1]).toBeCloseTo(c.bounds[1][1], 6);
      expect(c.maxBounds[0][0]).toBeGreaterThan(-180);
      expect(c.maxBounds[1][0]).toBeLessThan(180);
      // The view (bounds plus the padding's worth either side) stays clear of ±180°.
      const halfView = (width / 2 / scale) * (180 / Math.PI);
      const centre = (c.bounds[0][0] + c.bounds[1][0]) / 2;
      expect(Math.abs(centre) + halfView, `${width}×${height}`).toBeLessThan(180);
    }
  });

  it('sends a point of Central America into the inset and any other point to the main map', () => {
    const c = compose({ width: 816, height: 477 }, COMPOSITION);
    const [[fw, fs], [fe, fn]] = frameOf(c);
    const [x, y] = c.toComposed([-89.2, 13.7]); // San Salvador
    expect(x).toBeGreaterThan(fw);
    expect(x).toBeLessThan(fe);
    expect(y).toBeGreaterThan(fs);
    expect(y).toBeLessThan(fn);
    expect(c.toInset([-78.5, -0.2])).toBeNull(); // Quito
    expect(c.toComposed([-78.5, -0.2])).toEqual(c.toMain([-78.5, -0.2]));
    // The main map is only shifted, never scaled: latitudes are kept.
    expect(c.toMain([-70.6, -33.4])[1]).toBe(-33.4);
  });

  it('cuts the land under the inset’s frame out of the main map, areas and outlines, and nothing else', () => {
    type Ring = number[][];
    /** Even–odd point in (multi)polygon. */
    const contains = (polygons: Ring[][], [x, y]: [number, number]) => {
      let inside = false;
      for (const ring of polygons.flat())
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i] as [number, number];
          const [xj, yj] = ring[j] as [number, number];
          if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
        }
      return inside;
    };
    for (const size of [
      { width: 300, height: 320 },
      { width: 816, height: 457 },
      { width: 816, height: 640 },
      { width: 1100, height: 560 },
    ]) {
      const c = compose(size, COMPOSITION);
      const [[w, s], [e, n]] = frameOf(c);
      const inFrame = ([x, y]: number[]) =>
        (x as number) > w && (x as number) < e && (y as number) > s && (y as number) < n;
      const main = composeFeatures(boundaries.geojson, c, COMPOSITION).features.filter(
        (f) => f.properties.part === 'main',
      );
      const split = new Set(
        main.filter((f) => 'draw' in f.properties).map((f) => (f.properties as { iso3: string }).iso3),
      );
      // Southern Mexico lies across the frame's edge at every size: its area and outline are cut.
      expect(split.has('MEX'), JSON.stringify(size)).toBe(true);
      const polygons = (g: GeoJSON.Geometry) =>
        g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : [];
      for (const original of boundaries.geojson.features) {
        const iso3 = original.properties.iso3;
        const own = main.filter((f) => (f.properties as { iso3: string }).iso3 === iso3);
        const whole = polygons(original.geometry).map((poly) =>
          poly.map((r) => r.map((p) => c.toMain(p as [number, number]))),
        );
        expect(own, iso3).toHaveLength(split.has(iso3) ? 2 : 1);
        const area = own.find((f) => (f.properties as { draw?: string }).draw !== 'line');
        const outline = own.find((f) => (f.properties as { draw?: string }).draw !== 'fill');
        if (!area || !outline) throw new Error(iso3);
        const pieces = polygons(area.geometry);
        const lines = outline.geometry.type === 'MultiLineString' ? outline.geometry.coordinates : pieces.flat();
        // No vertex of the area, and no stretch of the outline, inside the frame.
        expect(pieces.flat(2).some(inFrame), iso3).toBe(false);
        for (const line of lines)
          for (let i = 1; i < line.length; i++) {
            const [a, b] = [line[i - 1] as number[], line[i] as number[]];
            expect(
              inFrame([((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2]),
              iso3,
            ).toBe(false);
          }
        // Countries the frame does not reach are drawn as they are (checked below for the others).
        if (!split.has(iso3) && !whole.flat(2).some(inFrame)) {
          expect(pieces, iso3).toEqual(whole);
          continue;
        }
        // The same land as before wherever the frame is not: a grid over the country's box.
        const xs = whole.flat(2).map((p) => p[0] as number);
        const ys = whole.flat(2).map((p) => p[1] as number);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        let outside = 0;
        for (let i = 0.5; i < 60; i++)
          for (let j = 0.5; j < 60; j++) {
            const p: [number, number] = [x0 + ((x1 - x0) * i) / 60 + 1e-7, y0 + ((y1 - y0) * j) / 60 + 1e-7];
            const expected = !inFrame(p) && contains(whole, p);
            if (expected) outside++;
            expect(contains(pieces, p), `${iso3} at ${p}`).toBe(expected);
          }
        expect(outside, iso3).toBeGreaterThan(20);
      }
    }
  });

  it('keeps every country on the main map and adds inset copies of those in the inset area', () => {
    const c = compose({ width: 816, height: 477 }, COMPOSITION);
    const fc = composeFeatures(boundaries.geojson, c, COMPOSITION);
    const parts = (part: string) =>
      fc.features
        .filter((f) => f.properties.part === part)
        .map((f) => ('iso3' in f.properties ? f.properties.iso3 : ''));
    expect([...new Set(parts('main'))].sort()).toEqual(
      boundaries.geojson.features.map((f) => f.properties.iso3).sort(),
    );
    expect(parts('inset')).toEqual(expect.arrayContaining(['GTM', 'SLV', 'HND', 'CRI', 'NIC', 'BLZ']));
    expect(parts('inset')).not.toContain('CHL');
    expect(parts('frame')).toHaveLength(1);
    // Inset copies keep their ISO code: feature-state, colour and clicks reach both copies.
    for (const f of fc.features.filter((x) => x.properties.part === 'inset')) {
      const g = f.geometry as GeoJSON.MultiPolygon;
      for (const p of g.coordinates.flat(2)) {
        expect(p[0]).toBeGreaterThanOrEqual(frameOf(c)[0][0] - 1e-9);
        expect(p[0]).toBeLessThanOrEqual(frameOf(c)[1][0] + 1e-9);
      }
    }
  });

  it('gives label extents for all six, in the inset for Central America', () => {
    const c = compose({ width: 816, height: 477 }, COMPOSITION);
    const extents = labelExtents(composeFeatures(boundaries.geojson, c, COMPOSITION), FOCUS_COUNTRIES);
    expect(Object.keys(extents).sort()).toEqual([...FOCUS_COUNTRIES].sort());
    const slv = extents.SLV as [[number, number], [number, number]];
    expect(slv[0][0]).toBeGreaterThanOrEqual(frameOf(c)[0][0]);
    expect(slv[1][0]).toBeLessThanOrEqual(frameOf(c)[1][0]);
  });
});

describe('layout rules', () => {
  it('folds the filter on phones and narrow columns only', () => {
    expect(isCompactFilter(320)).toBe(true);
    expect(isCompactFilter(NARROW_MAX)).toBe(true);
    expect(isCompactFilter(NARROW_MAX + 1)).toBe(false);
    expect(isCompactFilter(1280)).toBe(false);
  });

  it('uses the same breakpoints as the stylesheets', () => {
    const css = stylesheets()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const widths = new Set([...css.matchAll(/\((?:max|min)-width:\s*(\d+)px\)/g)].map((m) => Number(m[1])));
    for (const w of [NARROW_MAX, NARROW_MAX + 1, WIDE_MIN]) expect(widths.has(w), String(w)).toBe(true);
    // Anything else only refines the wide layout (the country list's single row).
    for (const w of widths) expect(w === NARROW_MAX || w === NARROW_MAX + 1 || w >= WIDE_MIN, String(w)).toBe(true);
  });
});

describe('a region without an inset (story.json region.inset: null)', () => {
  const config = { ...COMPOSITION, insetSource: null };

  it('fits the main box alone, centred on longitude 0, and sends every point to the main map', () => {
    const c = compose({ width: 816, height: 477 }, config);
    expect(c.insetFrame).toBeNull();
    expect(c.insetSource).toBeNull();
    const [[w, s], [e, n]] = c.bounds;
    expect(w).toBeCloseTo(-e, 6);
    expect([s, n]).toEqual([COMPOSITION.main[0][1], COMPOSITION.main[1][1]]);
    expect(c.toInset([-89.2, 13.7])).toBeNull();
    expect(c.toComposed([-89.2, 13.7])).toEqual(c.toMain([-89.2, 13.7]));
    // The frame's size does not change it (nothing to magnify).
    expect(compose({ width: 351, height: 439 }, config).bounds).toEqual(c.bounds);
  });

  it('draws the countries once, with no frame, outline or connector', () => {
    const c = compose({ width: 816, height: 477 }, config);
    const fc = composeFeatures(boundaries.geojson, c, config);
    expect(fc.features).toHaveLength(boundaries.geojson.features.length);
    expect(new Set(fc.features.map((f) => f.properties.part))).toEqual(new Set(['main']));
    const extents = labelExtents(fc, FOCUS_COUNTRIES);
    expect(Object.keys(extents).sort()).toEqual([...FOCUS_COUNTRIES].sort());
  });
});
