// @vitest-environment node
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { BOUNDARIES_FILE, buildBoundaries } from '../../geo/build-boundaries.ts';
import { CONTENT_DIR } from '../../src/tools/load-dataset.ts';
import { FOCUS_COUNTRIES } from '../fixtures/story.ts';

const committed = readFileSync(`${CONTENT_DIR}/${BOUNDARIES_FILE}`, 'utf8');
const topo = JSON.parse(committed);
const countries = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection<
  GeoJSON.MultiPolygon,
  any
>;

function pointInRing([x, y]: number[], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (
      yi > (y as number) !== yj > (y as number) &&
      (x as number) < ((xj - xi) * ((y as number) - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

describe('boundary file', () => {
  it('is reproduced byte for byte by `npm run geo`', () => {
    expect(buildBoundaries()).toBe(committed);
  });

  it('stays within 60 KB gzipped', () => {
    expect(gzipSync(committed).length).toBeLessThanOrEqual(60 * 1024);
  });

  it('records its source, licence, resolution, simplification and command', () => {
    expect(Object.keys(topo.meta)).toEqual(
      expect.arrayContaining(['source', 'licence', 'resolution', 'simplification', 'command']),
    );
    expect(topo.meta.command).toContain('npm run geo');
  });

  it('has the six focus countries by ISO alpha-3 id, with English and Spanish names', () => {
    const focus = countries.features.filter((f) => f.properties.focus).map((f) => f.id);
    expect(focus.sort()).toEqual([...FOCUS_COUNTRIES].sort());
    for (const f of countries.features) {
      expect(f.id).toMatch(/^[A-Z]{3}$/);
      expect(f.properties.name_en).toBeTruthy();
      expect(f.properties.name_es).toBeTruthy();
    }
  });

  it('includes the neighbours of the six and the region around them', () => {
    const ids = new Set(countries.features.map((f) => f.id));
    for (const id of ['MEX', 'BLZ', 'NIC', 'PAN', 'COL', 'PER', 'BOL', 'ARG', 'BRA', 'CUB', 'DOM', 'JAM'])
      expect(ids.has(id), id).toBe(true);
  });

  it('has valid, closed polygons with at least four positions per ring', () => {
    for (const f of countries.features)
      for (const polygon of f.geometry.coordinates)
        for (const ring of polygon) {
          expect(ring.length, f.id as string).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring.at(-1));
        }
  });

  it('puts each label point on the main landmass (Chile on the mainland, Ecuador not in the Galápagos)', () => {
    for (const f of countries.features.filter((x) => x.properties.focus)) {
      const [lon, lat] = f.properties.label;
      expect(
        f.geometry.coordinates.some((p) => pointInRing([lon, lat], p[0] as number[][])),
        f.id as string,
      ).toBe(true);
    }
    const label = (id: string) => countries.features.find((f) => f.id === id)?.properties.label;
    expect(label('CHL')[0]).toBeGreaterThan(-76); // mainland Chile, not Easter Island or Juan Fernández
    expect(label('ECU')[0]).toBeGreaterThan(-81.5); // mainland Ecuador, not the Galápagos (−89 to −92)
  });
});
