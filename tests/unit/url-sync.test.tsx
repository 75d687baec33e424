import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromUrlState, parseUrlState, syncUrlWithStore } from '../../src/state/url-state.ts';
import { renderApp } from '../fixtures/render-app.tsx';
import { URL_OPTIONS } from '../fixtures/story.ts';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** Loads the app at `search` as main.tsx does: store from the URL, then the address bar kept in step. */
function load(search: string) {
  window.history.replaceState(null, '', `/${search}#keep`);
  const app = renderApp({ state: fromUrlState(parseUrlState(window.location.search, URL_OPTIONS)) });
  stops.push(syncUrlWithStore(app.store));
  return app;
}

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
  ])('drops %s when the first change after load (%s) returns to the defaults', async (search, _what, act) => {
    load(search);
    await act();
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#keep');
  });

  it('keeps parameters that are not ours (embed, embedId) while dropping ours', async () => {
    load('?embed=1&embedId=policy-map-1&country=CHL');
    await userEvent.setup().keyboard('{Escape}');
    expect(window.location.search).toBe('?embed=1&embedId=policy-map-1');
  });

  it('still writes a change away from the defaults, without a new history entry', async () => {
    load('');
    const length = window.history.length;
    await userEvent.setup().click(screen.getByRole('button', { name: /^Chile/ }));
    expect(window.location.search).toBe('?country=CHL');
    expect(window.history.length).toBe(length);
  });
});
