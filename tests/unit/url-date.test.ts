// @vitest-environment node

/** Issue 8: the chosen month in the store and in the URL (`date=YYYY-MM`, only when not "as of"). */
import { describe, expect, it } from 'vitest';
import { dateRange } from '../../src/data/timeline.ts';
import { createAppStore, DEFAULT_STATE } from '../../src/state/store.ts';
import { fromUrlState, parseUrlState, serializeUrlState, toUrlState } from '../../src/state/url-state.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { DEFAULTS, STORE_OPTIONS, URL_OPTIONS } from '../fixtures/story.ts';

const months = dateRange(loadPolicyData());

describe('store: setDate', () => {
  it('starts at "as of" (null) and sets, clears and normalises the "as of" month to null', () => {
    const store = createAppStore({}, { ...STORE_OPTIONS, range: months });
    expect(store.getState().date).toBeNull();
    store.getState().setDate('2023-01');
    expect(store.getState().date).toBe('2023-01');
    store.getState().setDate(months.last);
    expect(store.getState().date).toBeNull();
    store.getState().setDate('2024-06');
    store.getState().setDate(null);
    expect(store.getState().date).toBeNull();
    expect(DEFAULT_STATE.date).toBeNull();
  });

  it('refuses a malformed or out-of-range month loudly', () => {
    const store = createAppStore({}, { ...STORE_OPTIONS, range: months });
    expect(() => store.getState().setDate('2023-1')).toThrow(/YYYY-MM/);
    expect(() => store.getState().setDate('2022-02')).toThrow(/outside/);
    expect(() => store.getState().setDate('2026-04')).toThrow(/outside/);
    expect(store.getState().date).toBeNull();
  });

  it('does not notify subscribers when the month does not change', () => {
    const store = createAppStore({}, { ...STORE_OPTIONS, range: months });
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().setDate('2023-01');
    store.getState().setDate('2023-01');
    expect(calls).toBe(1);
  });
});

describe('URL: date', () => {
  it('parses a month inside the range; the "as of" month is the default and not kept', () => {
    expect(parseUrlState('?date=2023-01', { ...URL_OPTIONS, months })).toEqual({ date: '2023-01' });
    expect(parseUrlState(`?date=${months.first}`, { ...URL_OPTIONS, months })).toEqual({ date: months.first });
    expect(parseUrlState(`?date=${months.last}`, { ...URL_OPTIONS, months })).toEqual({});
  });

  it('ignores date without a range to check it against', () => {
    expect(parseUrlState('?date=2023-01', URL_OPTIONS)).toEqual({});
  });

  it.each([
    '?date=2022-02',
    '?date=2026-04',
    '?date=2023-13',
    '?date=2023-1',
    '?date=2023',
    '?date=2023-01-15',
    '?date=%202023-01',
    '?date=2023-01%00',
    '?date=2023-01&date=2024-01',
    '?date=',
    '?date=<script>alert(1)</script>',
    `?date=${'9'.repeat(10_000)}`,
    '?date=__proto__',
    '?date=-2023-01',
    '?date=２０２３-０１',
  ])('ignores the hostile or out-of-range value %s', (search) => {
    expect(parseUrlState(search, { ...URL_OPTIONS, months })).toEqual({});
  });

  it('writes date only when it differs from "as of", and round-trips with the other parameters', () => {
    const state = { ...DEFAULTS, selected: 'HND' as const, date: '2023-01' };
    const url = toUrlState(state);
    expect(url).toEqual({ country: 'HND', date: '2023-01' });
    const query = serializeUrlState(url, '?embed=1');
    expect(query).toBe('?embed=1&country=HND&date=2023-01');
    expect(parseUrlState(query, { ...URL_OPTIONS, months })).toEqual(url);
    expect(fromUrlState(parseUrlState(query, { ...URL_OPTIONS, months }))).toEqual({
      selected: 'HND',
      date: '2023-01',
    });
    expect(serializeUrlState(toUrlState(DEFAULTS))).toBe('');
    // A stale date is dropped when the state no longer has one.
    expect(serializeUrlState(toUrlState(DEFAULTS), '?date=2023-01&embed=1')).toBe('?embed=1');
  });

  it('a store built from the URL starts at that month', () => {
    const store = createAppStore(fromUrlState(parseUrlState('?date=2024-01', { ...URL_OPTIONS, months })), {
      ...STORE_OPTIONS,
      range: months,
    });
    expect(store.getState().date).toBe('2024-01');
  });
});
