import { describe, expect, it } from 'vitest';
import { PALETTES } from '../../src/data/palette.ts';
import {
  colourByCountry,
  countColour,
  countsByCountry,
  countsByType,
  groupByType,
  matchingCounts,
  visibleMeasures,
} from '../../src/data/selectors.ts';
import { createAppStore, DEFAULT_STATE } from '../../src/state/store.ts';
import { createData } from '../fixtures/create-data.ts';
import { MEASURE_TYPES, STORE_OPTIONS } from '../fixtures/story.ts';

describe('store actions (no React)', () => {
  it('starts from the defaults, every type active', () => {
    const s = createAppStore({}, STORE_OPTIONS).getState();
    expect(s.selected).toBeNull();
    expect(s.activeTypes).toEqual(MEASURE_TYPES);
    expect(s.lang).toBe(DEFAULT_STATE.lang);
  });

  it('selects and deselects a country', () => {
    const store = createAppStore({}, STORE_OPTIONS);
    store.getState().select('SLV');
    expect(store.getState().selected).toBe('SLV');
    store.getState().select(null);
    expect(store.getState().selected).toBeNull();
  });

  it('toggles types and keeps them in canonical order', () => {
    const store = createAppStore({ activeTypes: [] }, STORE_OPTIONS);
    store.getState().toggleType('mass-detention');
    store.getState().toggleType('state-of-exception');
    expect(store.getState().activeTypes).toEqual(['state-of-exception', 'mass-detention']);
    store.getState().toggleType('state-of-exception');
    expect(store.getState().activeTypes).toEqual(['mass-detention']);
    store.getState().resetTypes();
    expect(store.getState().activeTypes).toEqual(MEASURE_TYPES);
  });

  it('does not notify subscribers when hover does not change', () => {
    const store = createAppStore({}, STORE_OPTIONS);
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().hover('HND');
    store.getState().hover('HND');
    expect(calls).toBe(1);
  });

  it('gives every store its own state', () => {
    const a = createAppStore({}, STORE_OPTIONS);
    const b = createAppStore({}, STORE_OPTIONS);
    a.getState().select('CHL');
    // The selection took in `a` (else the check below passes vacuously), and not in `b`.
    expect(a.getState().selected).toBe('CHL');
    expect(b.getState().selected).toBeNull();
  });
});

describe('selectors', () => {
  const data = createData();

  it('counts matching measures per country, following the filter', () => {
    expect(countsByCountry(data, MEASURE_TYPES)).toEqual({ GTM: 0, SLV: 2, HND: 0, CRI: 0, ECU: 0, CHL: 1 });
    expect(countsByCountry(data, ['state-of-exception'])).toEqual({ GTM: 0, SLV: 1, HND: 0, CRI: 0, ECU: 0, CHL: 0 });
    expect(countsByCountry(data, [])).toEqual({ GTM: 0, SLV: 0, HND: 0, CRI: 0, ECU: 0, CHL: 0 });
  });

  it('computes the reader’s counts once per filter and month, however many views ask', () => {
    const types = [...MEASURE_TYPES];
    const first = matchingCounts(data, types, null);
    expect(first).toEqual(countsByCountry(data, MEASURE_TYPES));
    // The same object for every view of the same state (so their memos hold), a new one after a change.
    expect(matchingCounts(data, types, null)).toBe(first);
    const earlier = matchingCounts(data, types, '2022-01');
    expect(earlier).not.toBe(first);
    expect(earlier).toEqual(countsByCountry(data, MEASURE_TYPES, '2022-01'));
    const fewer = ['state-of-exception'] as typeof types;
    expect(matchingCounts(data, fewer, null)).toEqual({ GTM: 0, SLV: 1, HND: 0, CRI: 0, ECU: 0, CHL: 0 });
    // Another dataset (a test fixture, a second story) never gets this one's counts.
    expect(matchingCounts(createData(), fewer, null)).not.toBe(matchingCounts(data, fewer, null));
  });

  it('counts measures per type regardless of the filter', () => {
    const counts = countsByType(data);
    expect(counts['max-security-prison']).toBe(2);
    expect(counts['state-of-exception']).toBe(1);
    expect(counts['island-prison']).toBe(0);
  });

  it('lists the visible measures of a country and groups them by type in type order', () => {
    const visible = visibleMeasures(data, 'SLV', MEASURE_TYPES);
    expect(visible.map((m) => m.id)).toEqual(['sv-test-measure', 'sv-test-prison']);
    expect(visibleMeasures(data, 'SLV', ['max-security-prison']).map((m) => m.id)).toEqual(['sv-test-prison']);
    const groups = groupByType(visible, data.meta.types);
    expect(groups.map((g) => [g.type.id, g.measures.length])).toEqual([
      ['state-of-exception', 1],
      ['max-security-prison', 1],
    ]);
  });

  it('colours counts 1…5+ on the sequential scale and leaves zero off it', () => {
    const COUNT_COLOURS = PALETTES.light.counts;
    expect([1, 2, 3, 4, 5, 9].map((n) => countColour(n, 'light'))).toEqual([...COUNT_COLOURS, COUNT_COLOURS[4]]);
    expect(countColour(5, 'dark')).toBe(PALETTES.dark.counts[4]);
    const colours = colourByCountry(countsByCountry(data, MEASURE_TYPES), 'light');
    expect(colours.SLV).toBe(COUNT_COLOURS[1]);
    expect(colours.CHL).toBe(COUNT_COLOURS[0]);
    expect(colours.GTM).toBeNull();
  });
});
