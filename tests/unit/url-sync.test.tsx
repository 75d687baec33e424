import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromUrlState, parseUrlState, replaceAddress, syncUrlWithStore } from '../../src/state/url-state.ts';
import { renderApp } from '../fixtures/render-app.tsx';
import { URL_OPTIONS } from '../fixtures/story.ts';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

/** Loads the app at `search` as main.tsx does: store from the URL, then the address bar kept in step. */
function load(search: string) {
  window.history.replaceState(null, '', `/${search}#keep`);
  const app = renderApp({ state: fromUrlState(parseUrlState(window.location.search, URL_OPTIONS)) });
  stops.push(syncUrlWithStore(app.store));
  return app;
}

describe('the address bar says what the page shows from the start (issue 21, defect 12)', () => {
  it('drops the values the app ignored, keeps the valid ones and every parameter that is not ours', () => {
    window.history.replaceState(
      null,
      '',
      '/maps/?utm_source=news&date=9999-99&country=SLV&types=nope&lang=xx&embed=1#top',
    );
    const before = window.history.length;
    replaceAddress(parseUrlState(window.location.search, URL_OPTIONS));
    expect(window.location.pathname).toBe('/maps/');
    expect(window.location.search).toBe('?utm_source=news&embed=1&country=SLV');
    expect(window.location.hash).toBe('#top');
    expect(window.history.length).toBe(before);
  });

  it('keeps a valid address’s meaning, even a default it names (lang=en); type lists in canonical order', () => {
    window.history.replaceState(null, '', '/?lang=en&types=anti-gang-law,state-of-exception');
    replaceAddress(parseUrlState(window.location.search, URL_OPTIONS));
    expect(window.location.search).toBe('?types=state-of-exception,anti-gang-law&lang=en');
  });
});

describe('the address bar follows the store (issue 9, defect 1)', () => {
  it.each([
    ['?country=SLV', 'Esc deselects the country', async () => userEvent.setup().keyboard('{Escape}')],
    [
      '?lang=es',
      'English is chosen',
      async () => userEvent.setup().click(screen.getByRole('button', { name: 'English' })),
    ],
    [
      '?view=table',
      'the Map tab is chosen',
      async () => userEvent.setup().click(screen.getByRole('tab', { name: 'Map' })),
    ],
  ])('drops %s when the first change after load (%s) returns to the defaults', async (search, _what, action) => {
    load(search);
    await action();
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(window.location.hash).toBe('#keep');
  });

  it('keeps parameters that are not ours (embed, embedId) while dropping ours', async () => {
    load('?embed=1&embedId=policy-map-1&country=CHL');
    await userEvent.setup().keyboard('{Escape}');
    await waitFor(() => expect(window.location.search).toBe('?embed=1&embedId=policy-map-1'));
  });

  it('still writes a change away from the defaults, without a new history entry', async () => {
    load('');
    const length = window.history.length;
    await userEvent.setup().click(screen.getByRole('button', { name: /^Chile/ }));
    await waitFor(() => expect(window.location.search).toBe('?country=CHL'));
    expect(window.history.length).toBe(length);
  });

  it('writes once after a burst of changes (a dragged slider), not once per change, and not before the change has painted', async () => {
    const { store } = load('');
    const replace = vi.spyOn(window.history, 'replaceState');
    act(() => {
      for (const c of ['CHL', 'SLV', 'HND', 'CRI', 'ECU', 'GTM', 'CHL', 'SLV']) store.getState().select(c);
    });
    // The change is not written in the same task as the interaction…
    expect(replace).not.toHaveBeenCalled();
    // …but soon after, once, with the last state.
    await waitFor(() => expect(window.location.search).toBe('?country=SLV'));
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('writes a pending change when it is stopped', () => {
    const { store } = load('');
    act(() => store.getState().select('ECU'));
    expect(window.location.search).toBe('');
    for (const stop of stops.splice(0)) stop();
    expect(window.location.search).toBe('?country=ECU');
  });
});
