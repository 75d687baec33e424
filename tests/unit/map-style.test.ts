import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it, vi } from 'vitest';
import { contrast, PALETTES } from '../../src/data/palette.ts';
import { applyMapState, type MapViewState } from '../../src/map/apply.ts';
import { MAP_METHODS, type MapLike } from '../../src/map/map-adapter.ts';
import {
  buildStyle,
  countState,
  fillColourExpression,
  hatchImage,
  LAYERS,
  SOURCE_ID,
  themePaint,
} from '../../src/map/map-style.ts';
import { FakeMap } from '../fixtures/fake-map.ts';

describe('map style', () => {
  const style = buildStyle({ type: 'FeatureCollection', features: [] }, 'light');

  it('is self-contained: no glyphs, sprites, tiles or remote URLs', () => {
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:|mapbox:|tiles/);
  });

  it('is valid by the style specification, in both themes, with and without counts (MapLibre skips the check: validateStyle is off)', () => {
    const colours = { SLV: '#7a2e12', GTM: null, HND: '#d08a54', CRI: null, ECU: '#d08a54', CHL: null };
    for (const theme of ['light', 'dark'] as const)
      for (const c of [undefined, colours]) {
        const built = buildStyle({ type: 'FeatureCollection', features: [] }, theme, c);
        expect(styleSpec.validateStyleMin(built as never).map((e) => e.message)).toEqual([]);
      }
    // The check can fail: a misspelt paint property is reported.
    const broken = {
      ...style,
      layers: [{ id: 'x', type: 'fill', source: 'countries', paint: { 'fill-colour': '#000' } }],
    };
    expect(styleSpec.validateStyleMin(broken as never).map((e) => e.message)).toEqual([
      'layers[0].paint.fill-colour: unknown property "fill-colour"',
    ]);
  });

  it('keys features by ISO code so feature-state works', () => {
    expect(style.sources.countries).toMatchObject({ type: 'geojson', promoteId: 'iso3', buffer: 8, tolerance: 1 });
  });

  it('draws the sea, the inset’s frame, the countries of the main map and the inset in six layers, the guides, the frame line', () => {
    const group = ['context', 'focus', 'none', 'borders', 'casing', 'outline'] as const;
    expect(style.layers.map((l) => l.id)).toEqual([
      LAYERS.sea,
      LAYERS.insetFrame,
      ...group.map((k) => LAYERS[k]),
      LAYERS.insetGuides,
      LAYERS.insetFrameLine,
    ]);
  });

  it('draws a country cut by the inset’s frame as its area in the fills and its outline in the lines', () => {
    const drawn = (id: string, properties: Record<string, unknown>) => {
      const layer = style.layers.find((l) => l.id === id) as { filter: unknown };
      return styleSpec
        .featureFilter(layer.filter as never, 'filter')
        .filter({ zoom: 3 }, { type: 3, properties } as never);
    };
    const fills: string[] = [LAYERS.context, LAYERS.focus, LAYERS.none];
    const lines: string[] = [LAYERS.borders, LAYERS.casing, LAYERS.outline];
    for (const part of ['main', 'inset'])
      for (const focus of [true, false]) {
        const country = { iso3: 'X', part, focus };
        for (const id of [...fills, ...lines]) {
          const whole = drawn(id, country);
          const isFill = fills.includes(id);
          expect(drawn(id, { ...country, draw: 'fill' }), `${id} ${part} area`).toBe(isFill && whole);
          expect(drawn(id, { ...country, draw: 'line' }), `${id} ${part} outline`).toBe(!isFill && whole);
        }
        // Each country is drawn by one fill and, for its edges, by one line layer of each kind.
        expect(fills.filter((id) => drawn(id, country)).length, `${part} ${focus}`).toBe(focus ? 2 : 1);
      }
    for (const part of ['frame', 'source', 'connector'])
      for (const id of [...fills, ...lines]) expect(drawn(id, { part }), `${id} ${part}`).toBe(false);
  });

  it('draws no antialiased edge pass for fills: a line layer drawn later covers each fill’s edges', () => {
    const layers = style.layers as { id: string; type: string; filter?: unknown; paint?: Record<string, unknown> }[];
    const fills = layers.filter((l) => l.type === 'fill');
    expect(fills.length).toBeGreaterThan(0);
    for (const fill of fills) expect(fill.paint?.['fill-antialias'], fill.id).toBe(false);
    const index = (id: string) => layers.findIndex((l) => l.id === id);
    const filterOf = (id: string) => JSON.stringify(layers[index(id)]?.filter);
    // Each fill, the line over its edges (the same countries, as outlines; the hatch's superset).
    const pairs: [string, string][] = [
      [LAYERS.context, LAYERS.borders],
      [LAYERS.focus, LAYERS.outline],
      [LAYERS.none, LAYERS.outline],
      [LAYERS.insetFrame, LAYERS.insetFrameLine],
    ];
    expect(pairs.map(([f]) => f).sort()).toEqual(fills.map((l) => l.id).sort());
    const asOutlines = (id: string) =>
      filterOf(id).replace('"!",["==",["get","draw"],"line"]', '"!",["==",["get","draw"],"fill"]');
    for (const [fill, line] of pairs) {
      expect(index(line), `${line} after ${fill}`).toBeGreaterThan(index(fill));
      if (fill !== LAYERS.none) expect(filterOf(line), line).toBe(asOutlines(fill));
    }
  });

  it('gives every themed setter a layer that exists', () => {
    const ids = new Set<string>(style.layers.map((l) => l.id));
    for (const [layer] of themePaint('dark')) expect(ids.has(layer), layer).toBe(true);
  });

  it('colours each focus country by its count and leaves zero on the hatch base', () => {
    const base = PALETTES.light.hatchBase;
    expect(
      fillColourExpression({ SLV: '#111111', GTM: null, HND: '#222222', CRI: null, ECU: null, CHL: null }, 'light'),
    ).toEqual(['match', ['get', 'iso3'], 'SLV', '#111111', 'HND', '#222222', base]);
    expect(fillColourExpression({ SLV: null, GTM: null, HND: null, CRI: null, ECU: null, CHL: null }, 'light')).toBe(
      base,
    );
    expect(countState({ SLV: '#111111', GTM: null, HND: null, CRI: null, ECU: null, CHL: null }, 'dark')).toEqual([
      ['SLV', { fill: '#111111', zero: false }],
      ['GTM', { fill: PALETTES.dark.hatchBase, zero: true }],
      ['HND', { fill: PALETTES.dark.hatchBase, zero: true }],
      ['CRI', { fill: PALETTES.dark.hatchBase, zero: true }],
      ['ECU', { fill: PALETTES.dark.hatchBase, zero: true }],
      ['CHL', { fill: PALETTES.dark.hatchBase, zero: true }],
    ]);
  });

  it('takes counts from feature-state, and the counts it was built with until then (MapLibre’s own evaluator)', () => {
    // No count filter or data-driven value is ever set after the style is built: MapLibre would
    // send every tile back through its worker for either (apply.ts sets feature-state instead).
    const built = buildStyle({ type: 'FeatureCollection', features: [] }, 'light', {
      SLV: '#111111',
      GTM: null,
      HND: null,
      CRI: null,
      ECU: null,
      CHL: null,
    });
    const layer = (id: string) =>
      built.layers.find((l) => l.id === id) as { filter?: unknown; paint: Record<string, unknown> };
    const evaluate = (id: string, property: string, iso3: string, state: Record<string, unknown>) => {
      const group = id === LAYERS.outline ? styleSpec.latest.paint_line : styleSpec.latest.paint_fill;
      const spec = Object.entries(group).find(([name]) => name === property)?.[1];
      if (!spec) throw new Error(`no ${property} in the style spec`);
      const parsed = styleSpec.createPropertyExpression(
        layer(id).paint[property],
        property,
        spec as styleSpec.StylePropertySpecification,
      );
      if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
      const value = parsed.value.evaluate(
        { zoom: 3 },
        { type: 'Polygon', properties: { iso3, focus: true } } as never,
        state,
      );
      return value instanceof styleSpec.Color ? value.toString() : value;
    };
    const hex = (c: string) => styleSpec.Color.parse(c)?.toString();
    for (const id of [LAYERS.focus, LAYERS.none, LAYERS.outline]) {
      expect(JSON.stringify(layer(id).filter), id).not.toMatch(/SLV|GTM/);
    }
    // Built with: El Salvador coloured, Guatemala hatched.
    expect(evaluate(LAYERS.focus, 'fill-color', 'SLV', {})).toBe(hex('#111111'));
    expect(evaluate(LAYERS.focus, 'fill-color', 'GTM', {})).toBe(hex(PALETTES.light.hatchBase));
    expect(evaluate(LAYERS.none, 'fill-opacity', 'SLV', {})).toBe(0);
    expect(evaluate(LAYERS.none, 'fill-opacity', 'GTM', {})).toBe(1);
    expect(evaluate(LAYERS.outline, 'line-color', 'GTM', {})).toBe(hex(PALETTES.light.zeroOutline));
    // Then the state wins: El Salvador hatched, Guatemala coloured.
    expect(evaluate(LAYERS.focus, 'fill-color', 'GTM', { fill: '#222222', zero: false })).toBe(hex('#222222'));
    expect(evaluate(LAYERS.none, 'fill-opacity', 'GTM', { fill: '#222222', zero: false })).toBe(0);
    expect(evaluate(LAYERS.none, 'fill-opacity', 'SLV', { fill: PALETTES.light.hatchBase, zero: true })).toBe(1);
    expect(evaluate(LAYERS.outline, 'line-color', 'SLV', { zero: true })).toBe(hex(PALETTES.light.zeroOutline));
    expect(evaluate(LAYERS.outline, 'line-color', 'GTM', { zero: false })).toBe(hex(PALETTES.light.focusOutline));
  });

  it('switches every themed colour through setPaintProperty, never a new style', () => {
    const features: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    /** Every colour of a style (colours, and the hatch pattern drawn in the theme's colours), by layer/property. */
    const coloursOf = (built: ReturnType<typeof buildStyle>) =>
      Object.fromEntries(
        (built.layers as { id: string; paint?: Record<string, unknown> }[]).flatMap((l) =>
          Object.entries(l.paint ?? {})
            .filter(([property]) => /-(color|pattern)$/.test(property))
            .map(([property, value]) => [`${l.id}/${property}`, value]),
        ),
      );
    const light = coloursOf(buildStyle(features, 'light'));
    const dark = coloursOf(buildStyle(features, 'dark'));
    expect(Object.keys(light).length).toBeGreaterThanOrEqual(8);
    // Every colour the style draws is themed: it differs between the themes…
    for (const key of Object.keys(light)) expect(dark[key], key).not.toEqual(light[key]);
    // …and a map drawn light, switched to dark through its setters, shows exactly the dark style's.
    const map = new FakeMap(document.createElement('div'), {
      style: buildStyle(features, 'light'),
      bounds: [
        [-1, -1],
        [1, 1],
      ],
      fitBoundsOptions: {},
      maxBounds: [
        [-2, -2],
        [2, 2],
      ],
    });
    map.fire('load');
    const view: MapViewState = {
      theme: 'light',
      colours: { SLV: null },
      selected: null,
      hovered: null,
      canvasLabel: 'Map',
      features,
    };
    applyMapState(map, view, { ...view, theme: 'dark' });
    const shown = Object.fromEntries(
      Object.keys(light).map((key) => [key, map.lastPaint(...(key.split('/') as [string, string]))]),
    );
    expect(shown).toEqual(dark);
    expect(new Set(map.calls.map((c) => c.method))).toEqual(new Set(['setPaintProperty', 'setFeatureState']));
  });

  it('makes an opaque hatch image of the right size in the theme colours', () => {
    const img = hatchImage('dark', 8);
    expect(img.data).toHaveLength(8 * 8 * 4);
    expect(Array.from(img.data.filter((_, i) => i % 4 === 3)).every((a) => a === 255)).toBe(true);
  });
});

describe('map colours meet 3:1 between neighbours (WCAG 1.4.11), in both themes', () => {
  for (const theme of ['light', 'dark'] as const) {
    const p = PALETTES[theme];
    /** Two neighbouring areas are told apart by their fills, or by a line with 3:1 against both. */
    const distinct = (a: string, b: string, line: string) =>
      contrast(a, b) >= 3 || (contrast(line, a) >= 3 && contrast(line, b) >= 3);

    it(`${theme}: context countries, sea and coastlines`, () => {
      expect(distinct(p.context, p.context, p.border)).toBe(true);
      expect(distinct(p.context, p.sea, p.border)).toBe(true);
    });

    it(`${theme}: every count colour against the context, the sea and each other`, () => {
      for (const c of p.counts) {
        expect(contrast(c, p.context), c).toBeGreaterThanOrEqual(3);
        expect(contrast(c, p.sea), c).toBeGreaterThanOrEqual(3);
        for (const d of p.counts) expect(distinct(c, d, p.focusOutline), `${c}/${d}`).toBe(true);
      }
    });

    it(`${theme}: hatched "none" countries against everything around them`, () => {
      for (const n of [p.context, p.sea, ...p.counts]) expect(distinct(p.hatchBase, n, p.zeroOutline), n).toBe(true);
      expect(contrast(p.hatchLine, p.hatchBase)).toBeGreaterThanOrEqual(3);
    });

    it(`${theme}: the inset's frame and guide lines stand out against the sea and the land`, () => {
      expect(contrast(p.guide, p.sea)).toBeGreaterThanOrEqual(3);
      expect(contrast(p.guide, p.context)).toBeGreaterThanOrEqual(3);
    });

    it(`${theme}: the selected country's casing stands out against its outline`, () => {
      expect(contrast(p.selectedCasing, p.focusOutline)).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('the real maplibre-gl', () => {
  it('still has every method the adapter calls', async () => {
    const maplibre = await import('maplibre-gl');
    const proto = maplibre.Map.prototype as unknown as Record<string, unknown>;
    for (const method of MAP_METHODS) {
      expect(typeof proto[method], method).toBe('function');
      expect(typeof (FakeMap.prototype as unknown as Record<string, unknown>)[method], `fake ${method}`).toBe(
        'function',
      );
    }
    expect(typeof maplibre.setWorkerUrl).toBe('function');
    expect(typeof maplibre.NavigationControl).toBe('function');
  });

  /**
   * The fake's claims (tests/fixtures/fake-map.ts), run on the real library: MapLibre's own Map
   * methods on its own Style, loaded with this app's style. A whole Map needs WebGL, which jsdom
   * has not; the Map's methods only hand each call to its style and then ask for a frame
   * (`_update`, a no-op here). The style's worker is a silent stand-in: nothing here waits for it.
   */
  it('behaves as the fake does where the app relies on it: before load, unknown layers and sources, images', async () => {
    const maplibre = await import('maplibre-gl');
    class SilentWorker extends EventTarget {
      postMessage() {}
      terminate() {}
    }
    vi.stubGlobal('Worker', SilentWorker);
    // What the style's messages to its worker are checked against (jsdom has no ImageData).
    vi.stubGlobal('ImageData', class ImageData {});
    const features: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    const built = buildStyle(features, 'light');
    type Outcome = { thrown?: string; errors: string[]; value?: unknown };
    const found = (source: object | undefined) => ({ found: source !== undefined });
    const image = { width: 1, height: 1, data: new Uint8Array(4) };
    /** What the app sees of each call: an exception, or error events, and what it returned. */
    const calls: [string, (m: MapLike) => unknown][] = [
      ['setPaintProperty', (m) => m.setPaintProperty(LAYERS.sea, 'background-color', '#000000')],
      ['setFilter', (m) => m.setFilter(LAYERS.focus, ['==', ['get', 'iso3'], 'X'])],
      ['setFeatureState', (m) => m.setFeatureState({ source: SOURCE_ID, id: 'X' }, { zero: true })],
      ['setPaintProperty unknown layer', (m) => m.setPaintProperty('no-such-layer', 'fill-color', '#000000')],
      ['setFilter unknown layer', (m) => m.setFilter('no-such-layer', ['==', ['get', 'iso3'], 'X'])],
      ['setFeatureState unknown source', (m) => m.setFeatureState({ source: 'no-such-source', id: 'X' }, {})],
      ['addImage', (m) => m.addImage('an-image', image)],
      ['addImage again', (m) => m.addImage('an-image', image)],
      ['getSource unknown', (m) => found(m.getSource('no-such-source'))],
    ];
    const run = (map: MapLike & { on(type: 'error', fn: (e: { error: Error }) => void): unknown }) => {
      const out: Record<string, Outcome> = {};
      let current: Outcome = { errors: [] };
      map.on('error', (e: { error: Error }) => current.errors.push(e.error.message));
      return (phase: string) => {
        for (const [name, call] of calls) {
          current = { errors: [] };
          try {
            // Only what the app reads of a result (whether a source was found): the setters'
            // return values (the map, for chaining) it never uses.
            const value = call(map);
            if (name.startsWith('getSource')) current.value = value;
          } catch (e) {
            current.thrown = (e as Error).message;
          }
          out[`${phase}: ${name}`] = current;
        }
        return out;
      };
    };
    try {
      // What a Style reads of its Map (private MapLibre API: a change there fails here, loudly).
      const host = {
        _getMapId: () => 1,
        _requestManager: {},
        _missingStyleImageResolver: null,
        _ownerWindow: window,
        setTerrain: () => {},
        migrateProjection: () => {},
        getTerrain: () => null,
      };
      const style = new maplibre.Style(host as never);
      const real = Object.assign(Object.create(maplibre.Map.prototype), { style, _update: () => real }) as MapLike;
      style.setEventedParent(real as never, { style });
      const fake = new FakeMap(document.createElement('div'), {
        style: built,
        bounds: [
          [-1, -1],
          [1, 1],
        ],
        fitBoundsOptions: {},
        maxBounds: [
          [-2, -2],
          [2, 2],
        ],
      });
      const onReal = run(real as never);
      const onFake = run(fake);
      const realBefore = onReal('before load');
      const fakeBefore = onFake('before load');
      const loaded = new Promise((resolve) => style.once('style.load', resolve));
      style.loadJSON(built as never, { validate: false });
      await loaded;
      fake.fire('load');
      // The image added before load is kept by the load: adding it again is an error on both.
      const realAfter = onReal('after load');
      const fakeAfter = onFake('after load');
      // The claims themselves, so a library that changed them all would not pass unnoticed…
      expect(realBefore['before load: setPaintProperty']?.thrown).toBe('Style is not done loading.');
      expect(realAfter['after load: setPaintProperty unknown layer']?.errors).toEqual([
        'Cannot style non-existing layer "no-such-layer".',
      ]);
      expect(realAfter['after load: setPaintProperty']).toEqual({ errors: [] });
      expect(realAfter['after load: addImage']?.errors).toEqual(['An image named "an-image" already exists.']);
      // …and the fake, call for call.
      expect(fakeBefore).toEqual(realBefore);
      expect(fakeAfter).toEqual(realAfter);
      const source = real.getSource(SOURCE_ID) as { setData?: unknown } | undefined;
      expect(typeof source?.setData).toBe('function');
      expect(typeof (fake.getSource(SOURCE_ID) as { setData?: unknown } | undefined)?.setData).toBe('function');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
