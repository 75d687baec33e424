/**
 * Fuzz regression: hostile query strings and hash fragments never make parseUrlState throw, never
 * yield a value outside the vocabulary, never pollute Object.prototype, and never reach the page as
 * markup when the App renders from them. Reproduce a failure with HOSTILE_SEED=<seed in its name>.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateRange, isInRange } from '../../src/data/timeline.ts';
import { LANGS } from '../../src/i18n/strings.ts';
import { THEMES, VIEWS } from '../../src/state/store.ts';
import {
  fromUrlState,
  parseUrlState,
  STATE_PARAMS,
  serializeUrlState,
  type UrlState,
} from '../../src/state/url-state.ts';
import { createData } from '../fixtures/create-data.ts';
import { HOSTILE_MARKER, hostileHashes, hostileQueries } from '../fixtures/hostile-urls.ts';
import { renderApp } from '../fixtures/render-app.tsx';
import { FOCUS_COUNTRIES, MEASURE_TYPES, URL_OPTIONS } from '../fixtures/story.ts';

const SEED = Number(process.env.HOSTILE_SEED ?? 20260313);
const QUERIES = hostileQueries(SEED, 200);
const HASHES = hostileHashes(SEED, 50);
/** The fixture's range (2022-03 to 2026-03, as the shipped data's); jsdom cannot read the data files. */
const months = dateRange(createData());

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** Short, printable form of a hostile string for failure messages. */
const show = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s);

function expectAllowed(state: UrlState, input: string) {
  const where = `input ${show(input)} (seed ${SEED})`;
  expect(Object.getPrototypeOf(state), where).toBe(Object.prototype);
  for (const key of Object.keys(state)) expect(STATE_PARAMS as readonly string[], where).toContain(key);
  if (state.country !== undefined) expect(FOCUS_COUNTRIES, where).toContain(state.country);
  if (state.lang !== undefined) expect(LANGS, where).toContain(state.lang);
  if (state.theme !== undefined) expect(THEMES, where).toContain(state.theme);
  if (state.view !== undefined) expect(VIEWS, where).toContain(state.view);
  if (state.date !== undefined) expect(isInRange(state.date, months) && state.date !== months.last, where).toBe(true);
  if (state.types !== undefined) {
    expect(Array.isArray(state.types), where).toBe(true);
    // None at all only when the address says so, with one empty `types=` (issue 21, defect 2).
    if (state.types.length === 0) expect(new URLSearchParams(input.split('#')[0]).getAll('types'), where).toEqual(['']);
    // Known ids only, each once, in canonical order.
    expect(state.types, where).toEqual(MEASURE_TYPES.filter((t) => state.types?.includes(t)));
  }
}

function expectPrototypesClean(before: string[], input: string) {
  const where = `input ${show(input)} (seed ${SEED})`;
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), where).toEqual(before);
  expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
  expect((window as unknown as Record<string, unknown>)[HOSTILE_MARKER], where).toBeUndefined();
}

/**
 * Nothing from the input in the page: no script-ish element, no handler attribute, no javascript:
 * URL, and no marker anywhere (the app's own print <img> is allowed; an injected one carries the marker).
 */
function expectNothingInjected(input: string) {
  const where = `input ${show(input)} (seed ${SEED})`;
  expect(document.querySelectorAll('script, iframe, object, embed, base, meta, link').length, where).toBe(0);
  for (const el of document.querySelectorAll('*'))
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${where}: <${el.localName} ${attr.name}>`).toBe(false);
      expect(attr.value.trim().toLowerCase().startsWith('javascript:'), where).toBe(false);
    }
  expect(document.documentElement.outerHTML.includes(HOSTILE_MARKER), where).toBe(false);
}

describe(`hostile URLs (seed ${SEED}; reproduce with HOSTILE_SEED=${SEED})`, () => {
  it(`parseUrlState survives ${QUERIES.length} queries and ${HASHES.length} hashes with allowed values only`, () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const input of [...QUERIES, ...HASHES]) {
      let state: UrlState = {};
      expect(
        () => {
          state = parseUrlState(input, URL_OPTIONS);
        },
        `input ${show(input)} (seed ${SEED})`,
      ).not.toThrow();
      expectAllowed(state, input);
      // Written back (keeping the hostile parameters that are not ours), it reads back the same.
      const written = serializeUrlState(state, input.startsWith('#') ? '' : input);
      expect(parseUrlState(written, URL_OPTIONS), `input ${show(input)} (seed ${SEED})`).toEqual(state);
      // The same with the data's month range, as main.tsx parses (the date parameter is then read).
      let dated: UrlState = {};
      expect(
        () => {
          dated = parseUrlState(input, { ...URL_OPTIONS, months });
        },
        `input ${show(input)} (seed ${SEED})`,
      ).not.toThrow();
      expectAllowed(dated, input);
      const datedWritten = serializeUrlState(dated, input.startsWith('#') ? '' : input);
      expect(parseUrlState(datedWritten, { ...URL_OPTIONS, months }), `input ${show(input)} (seed ${SEED})`).toEqual(
        dated,
      );
      expectPrototypesClean(before, input);
    }
  });

  it('the App renders from each of them (page and embed) without throwing or injecting markup', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const errors = vi.spyOn(console, 'error');
    QUERIES.forEach((query, i) => {
      const hash = HASHES[i % HASHES.length] as string;
      const input = `${query}${hash}`;
      // As main.tsx does: the address bar, the store from it, the sync back. (A query without its
      // "?" would be a path here: the app's own folder, which the links rightly reuse.)
      window.history.replaceState(null, '', `/?${query.replace(/^\?/, '')}${hash}`);
      const state = parseUrlState(window.location.search, URL_OPTIONS);
      expectAllowed(state, input);
      const { store } = renderApp({ state: fromUrlState(state), embed: i % 2 === 1 });
      store.getState().hover('SLV');
      expectNothingInjected(input);
      expectPrototypesClean(before, input);
      cleanup();
      vi.unstubAllGlobals();
    });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  }, 120_000);
});
