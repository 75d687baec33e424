/**
 * Issue 8 (the parts built so far) in a real browser: the date control and what follows it, and
 * the prison symbols on the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Watched, waitForMap } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(`${harness.server.origin}/${query}`);
  await waitForMap(w.page);
  return w;
}

/** The six country buttons' names, e.g. "El Salvador 3 measures". */
async function countryNames(w: Watched): Promise<string[]> {
  return w.page
    .getByRole('navigation', { name: 'Countries' })
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('the date', () => {
  it('at 2023-01 counts El Salvador 3, Honduras 1 and every other country 0; at "as of", today’s counts', async () => {
    const then = await open('?date=2023-01');
    const names = await countryNames(then);
    expect(names.find((n) => n.startsWith('El Salvador'))).toMatch(/\b3 measures/);
    expect(names.find((n) => n.startsWith('Honduras'))).toMatch(/\b1 measure\b/);
    for (const c of ['Guatemala', 'Costa Rica', 'Ecuador', 'Chile'])
      expect(
        names.find((n) => n.startsWith(c)),
        c,
      ).toMatch(/\bno measures\b/);
    const now = await open();
    expect((await countryNames(now)).join(' | ')).toMatch(
      /Guatemala,? 5 measures.*El Salvador,? 4 measures.*Honduras,? 5/,
    );
    expect(then.errors).toEqual([]);
    await then.page.close();
    await now.page.close();
  });

  it('Home on the focused date control goes to the first month and puts date= in the URL', async () => {
    const w = await open();
    const slider = w.page.getByRole('slider', { name: /date/i });
    expect(await slider.getAttribute('aria-valuetext')).toBe('March 2026');
    await slider.focus();
    await w.page.keyboard.press('Home');
    await expect.poll(() => new URL(w.page.url()).searchParams.get('date')).toBe('2022-03');
    expect(await slider.getAttribute('aria-valuetext')).toBe('March 2022');
    await w.page.keyboard.press('End');
    await expect.poll(() => new URL(w.page.url()).searchParams.has('date')).toBe(false);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('Play advances month by month, and Pause stops it', async () => {
    const w = await open('?date=2022-03');
    await w.page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => new URL(w.page.url()).searchParams.get('date'), { timeout: 5000 }).toBe('2022-05');
    await w.page.getByRole('button', { name: 'Pause' }).click();
    const stopped = new URL(w.page.url()).searchParams.get('date');
    await w.page.waitForTimeout(1500);
    expect(new URL(w.page.url()).searchParams.get('date')).toBe(stopped);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('prisons on the map', () => {
  it('CECOT’s symbol opens El Salvador’s panel at the CECOT measure, by mouse and by keyboard', async () => {
    const w = await open();
    const cecot = w.page.getByRole('button', { name: 'CECOT mega-prison' });
    await cecot.click();
    const panel = w.page.getByRole('complementary', { name: 'El Salvador' });
    await panel.waitFor();
    await expect.poll(() => w.page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/CECOT/);
    await w.page.keyboard.press('Escape');
    await cecot.focus();
    await w.page.keyboard.press('Enter');
    await panel.waitFor();
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('leaves the Swan Islands plan off the map before it was announced', async () => {
    const w = await open('?date=2023-01');
    expect(await w.page.getByRole('button', { name: /Swan Islands/ }).count()).toBe(0);
    await w.page.close();
  });
});
