import { describe, expect, it } from 'vitest';
import { MAP_METHODS } from '../../src/map/map-adapter.ts';
import {
  BASE_COLOURS,
  buildStyle,
  fillColourExpression,
  fitPadding,
  hatchImage,
  LAYERS,
  noneFilter,
} from '../../src/map/map-style.ts';

describe('map style', () => {
  const style = buildStyle({ type: 'FeatureCollection', features: [] });

  it('is self-contained: no glyphs, sprites, tiles or remote URLs', () => {
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:|mapbox:|tiles/);
  });

  it('keys features by ISO code so feature-state works', () => {
    expect(style.sources.countries).toMatchObject({ type: 'geojson', promoteId: 'iso3' });
  });

  it('draws the layers bottom to top: sea, context, focus, hatch, borders, outline', () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      LAYERS.sea,
      LAYERS.context,
      LAYERS.focus,
      LAYERS.none,
      LAYERS.borders,
      LAYERS.outline,
    ]);
  });

  it('colours each focus country by its count and leaves zero neutral', () => {
    expect(
      fillColourExpression({ SLV: '#111111', GTM: null, HND: '#222222', CRI: null, ECU: null, CHL: null }),
    ).toEqual(['match', ['get', 'iso3'], 'SLV', '#111111', 'HND', '#222222', BASE_COLOURS.focusZero]);
    expect(fillColourExpression({ SLV: null, GTM: null, HND: null, CRI: null, ECU: null, CHL: null })).toBe(
      BASE_COLOURS.focusZero,
    );
  });

  it('hatches exactly the countries with no match', () => {
    expect(noneFilter(['GTM', 'CRI'])).toEqual([
      'all',
      ['get', 'focus'],
      ['in', ['get', 'iso3'], ['literal', ['GTM', 'CRI']]],
    ]);
  });

  it('makes an opaque hatch image of the right size', () => {
    const img = hatchImage(8);
    expect(img.data).toHaveLength(8 * 8 * 4);
    expect(Array.from(img.data.filter((_, i) => i % 4 === 3)).every((a) => a === 255)).toBe(true);
  });

  it('leaves more room on the west for callouts on wide maps, within limits', () => {
    expect(fitPadding(320).left).toBeGreaterThanOrEqual(40);
    expect(fitPadding(1920).left).toBe(150);
  });
});

describe('the real maplibre-gl', () => {
  it('still has every method the adapter calls', async () => {
    const maplibre = await import('maplibre-gl');
    const proto = maplibre.Map.prototype as unknown as Record<string, unknown>;
    for (const method of MAP_METHODS) expect(typeof proto[method], method).toBe('function');
    expect(typeof maplibre.setWorkerUrl).toBe('function');
    expect(typeof maplibre.NavigationControl).toBe('function');
  });
});
