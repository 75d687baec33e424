/**
 * The prerendered first screen, taken over by the page (main.tsx): the HTML the build writes
 * (react-dom/server, tools/prerender-entry.tsx) hydrates with no warning, the map drawn in it stays
 * until the live map answers, and the head script keeps the prerender for exactly the view it is.
 */
import { act, waitFor } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoot } from '../../src/app-root.tsx';
import { policyIndex } from '../../src/data/policy-index.ts';
import type { FullDataSource } from '../../src/data/records.ts';
import { boot } from '../../src/state/boot.ts';
import { FIRST_PAINT, firstPaintFits } from '../../src/state/first-paint.ts';
import { firstPaintScript } from '../../src/tools/first-paint-script.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { stubBoundariesFetch } from '../fixtures/render-app.tsx';

const data = policyIndex(loadPolicyData());
const idle: FullDataSource = { get: () => ({ status: 'idle' }), subscribe: () => () => {}, load() {} };
const STILL = '<svg data-frame="narrow" viewBox="0 0 10 10"><path d="M0,0L5,5Z"></path></svg>';

/** The build's first screen in a #root, as index.html has it. */
function prerendered(): HTMLElement {
  const { store } = boot(data, '', []);
  const html = renderToString(
    <AppRoot data={data} records={idle} store={store} embed={false} layout={undefined} firstPaint={STILL} />,
  );
  const root = document.createElement('div');
  root.id = 'root';
  root.setAttribute(FIRST_PAINT.langAttribute, store.getState().lang);
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.replaceChildren();
  delete document.documentElement.dataset[FIRST_PAINT.staleKey];
  vi.unstubAllGlobals();
});

describe('hydrating the prerendered first screen', () => {
  it('takes it over as it is: no hydration warning, the drawing until the map answers', async () => {
    stubBoundariesFetch();
    const root = prerendered();
    const errors = vi.spyOn(console, 'error');
    const { store, embed, layout } = boot(data, '', ['en-GB']);
    expect(firstPaintFits(root, store.getState(), { embed, layout })).toBe(true);
    const firstPaint = root.querySelector(`.${FIRST_PAINT.mapClass}`)?.innerHTML;
    expect(firstPaint).toBe(STILL);
    const heading = root.querySelector('h1');
    await act(async () => {
      hydrateRoot(
        root,
        <AppRoot data={data} records={idle} store={store} embed={embed} layout={layout} firstPaint={firstPaint} />,
        { onRecoverableError: (e) => console.error(e) },
      );
    });
    // The same elements, not a second render of the page.
    expect(root.querySelector('h1')).toBe(heading);
    await waitFor(() => expect(root.querySelector('section.map')?.getAttribute('aria-busy')).toBe('false'));
    expect(root.querySelector(`.${FIRST_PAINT.mapClass}`)).toBeNull();
    expect(root.querySelector('.svg-map path[data-id="SLV"]')).not.toBeNull();
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
  });

  it('is not taken over for another view (another language, a country, an embed)', () => {
    const root = prerendered();
    const fits = (search: string, languages: string[] = []) => {
      const b = boot(data, search, languages);
      return firstPaintFits(root, b.store.getState(), { embed: b.embed, layout: b.layout });
    };
    expect(fits('')).toBe(true);
    expect(fits('?utm_source=x')).toBe(true);
    expect(fits('?lang=es')).toBe(false);
    expect(fits('', ['es-MX'])).toBe(false);
    expect(fits('?country=SLV')).toBe(false);
    expect(fits('?types=state-of-exception')).toBe(false);
    expect(fits('?date=2023-01')).toBe(false);
    expect(fits('?step=2')).toBe(false);
    expect(fits('?theme=dark')).toBe(false);
    expect(fits('?embed=1')).toBe(false);
    document.documentElement.dataset[FIRST_PAINT.staleKey] = '';
    expect(fits('')).toBe(false);
  });
});

describe('the head script', () => {
  /** Runs the script as index.html does, with this address, languages and colour scheme. */
  function run(search: string, languages: string[] = ['en-US'], dark = false): boolean {
    const html = document.createElement('html');
    const script = firstPaintScript(data.story.languages, 'en');
    new Function('document', 'location', 'navigator', 'matchMedia', script)(
      { documentElement: html },
      { search },
      { languages },
      () => ({ matches: dark }),
    );
    return html.dataset[FIRST_PAINT.staleKey] !== undefined;
  }

  it('keeps the prerender for the bare address, and hides it for any other view', () => {
    expect(run('')).toBe(false);
    expect(run('?utm_source=newsletter')).toBe(false);
    expect(run('', ['en-GB', 'es'])).toBe(false);
    for (const q of ['?lang=en', '?country=SLV', '?types=', '?date=2024-01', '?step=1', '?view=table', '?links=0'])
      expect(run(q), q).toBe(true);
    expect(run('?embed=1')).toBe(true);
    expect(run('', ['es-ES', 'en'])).toBe(true);
    expect(run('', ['en'], true)).toBe(true);
  });

  it('hides the prerender when it cannot tell (and says why)', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = document.createElement('html');
    new Function('document', 'location', 'navigator', 'matchMedia', firstPaintScript(['en', 'es'], 'en'))(
      { documentElement: html },
      null,
      { languages: [] },
      () => ({ matches: false }),
    );
    expect(html.dataset[FIRST_PAINT.staleKey]).toBe('');
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
