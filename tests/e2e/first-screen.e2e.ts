/**
 * Issue 7: the first screen. El Salvador big enough to see, every focus country drawn whole at
 * every width, labels as real targets, and the map in the first screen of a laptop and a phone.
 * Measured on the pixels a reader sees, in the built app.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSITION, FOCUS_COUNTRIES } from '../fixtures/story.ts';
import { startHarness, type Watched, waitForMap } from './harness.ts';

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function open(viewport: { width: number; height: number }, query = ''): Promise<Watched> {
  const w = await harness.newPage(viewport);
  await w.page.goto(`${harness.server.origin}/${query}`);
  await waitForMap(w.page);
  return w;
}

/** The widest connected region (CSS px) whose pixels differ between two screenshots of the canvas. */
async function widestChange(page: Page, a: Buffer, b: Buffer): Promise<{ width: number; height: number }> {
  return page.evaluate(
    async ([a64, b64]) => {
      const decode = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [x, y] = await Promise.all([decode(a64 as string), decode(b64 as string)]);
      const { width, height } = x;
      const changed = new Uint8Array(width * height);
      for (let i = 0; i < width * height; i++) {
        const d =
          Math.abs((x.data[i * 4] as number) - (y.data[i * 4] as number)) +
          Math.abs((x.data[i * 4 + 1] as number) - (y.data[i * 4 + 1] as number)) +
          Math.abs((x.data[i * 4 + 2] as number) - (y.data[i * 4 + 2] as number));
        changed[i] = d > 24 ? 1 : 0;
      }
      // Connected components (4-neighbour flood fill); the widest one's box.
      const seen = new Uint8Array(width * height);
      let best = { width: 0, height: 0 };
      for (let start = 0; start < width * height; start++) {
        if (!changed[start] || seen[start]) continue;
        let [x0, y0, x1, y1] = [width, height, 0, 0];
        const stack = [start];
        seen[start] = 1;
        while (stack.length) {
          const i = stack.pop() as number;
          const px = i % width;
          const py = (i - px) / width;
          x0 = Math.min(x0, px);
          x1 = Math.max(x1, px);
          y0 = Math.min(y0, py);
          y1 = Math.max(y1, py);
          for (const j of [i - 1, i + 1, i - width, i + width]) {
            if (j < 0 || j >= width * height || seen[j] || !changed[j]) continue;
            if ((j === i - 1 || j === i + 1) && Math.floor(j / width) !== py) continue;
            seen[j] = 1;
            stack.push(j);
          }
        }
        if (x1 - x0 + 1 > best.width) best = { width: x1 - x0 + 1, height: y1 - y0 + 1 };
      }
      return best;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

/** A screenshot of the map canvas alone: HTML labels, links, symbols, caption and controls hidden. */
async function bareCanvas(page: Page): Promise<Buffer> {
  await page.addStyleTag({
    content:
      '.map-labels, .map-links, .map-facilities, .inset-caption, .maplibregl-control-container { visibility: hidden !important; }',
  });
  const canvas = page.locator('.map canvas');
  return canvas.screenshot({ animations: 'disabled' });
}

describe('El Salvador, drawn', () => {
  // Only El Salvador's colour differs between these two filters (checked below).
  const A = '?types=prison-regime';
  const B = '?types=prison-regime,mass-detention';

  for (const [viewport, minimum] of [
    [{ width: 1280, height: 800 }, 48],
    [{ width: 375, height: 740 }, 28],
  ] as const) {
    it(`is at least ${minimum} px across at ${viewport.width}×${viewport.height}`, async () => {
      const a = await open(viewport, A);
      const b = await open(viewport, B);
      const names = async (w: Watched) =>
        w.page
          .getByRole('navigation', { name: 'Countries' })
          .getByRole('button')
          .evaluateAll((els) => els.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()));
      const [na, nb] = [await names(a), await names(b)];
      const differs = na.flatMap((n, i) => (n === nb[i] ? [] : [n]));
      expect(differs.length, `${na} vs ${nb}`).toBe(1);
      expect(differs[0]).toMatch(/^El Salvador/);
      const size = await widestChange(a.page, await bareCanvas(a.page), await bareCanvas(b.page));
      console.log(`El Salvador at ${viewport.width}×${viewport.height}: ${size.width} × ${size.height} px`);
      expect(size.width).toBeGreaterThanOrEqual(minimum);
      expect(a.errors).toEqual([]);
      await a.page.close();
      await b.page.close();
    });
  }
});

describe('the composition', () => {
  it('draws every focus country whole, inside the frame and clear of the inset, from 280 to 1440 px', async () => {
    const w = await harness.newPage({ width: 1280, height: 800 });
    for (const [width, height] of [
      [280, 560],
      [320, 640],
      [375, 740],
      [414, 896],
      [600, 900],
      [768, 1024],
      [900, 700],
      [1024, 768],
      [1280, 800],
      [1440, 900],
    ] as const) {
      await w.page.setViewportSize({ width, height });
      await w.page.goto(`${harness.server.origin}/`);
      await waitForMap(w.page);
      const problems = await w.page.evaluate(
        ([focus, composition]) => {
          type F = {
            properties: { iso3?: string; focus?: boolean; part: string };
            geometry: { type: string; coordinates: number[][][][] };
          };
          const map = window.__POLICY_MAP__ as unknown as {
            getStyle(): { sources: { countries: { data: { features: F[] } } } };
            project(p: [number, number]): { x: number; y: number };
            getCanvas(): HTMLCanvasElement;
          };
          const canvas = map.getCanvas();
          const [cw, ch] = [canvas.clientWidth, canvas.clientHeight];
          const features = map.getStyle().sources.countries.data.features;
          const ringOf = (part: string) => {
            const f = features.find((x) => x.properties.part === part);
            return f ? ((f.geometry.coordinates as unknown as number[][][])[0] ?? []) : [];
          };
          const corners = ringOf('frame').map((p) => map.project(p as [number, number]));
          const fx0 = Math.min(...corners.map((c) => c.x));
          const fx1 = Math.max(...corners.map((c) => c.x));
          const fy0 = Math.min(...corners.map((c) => c.y));
          const fy1 = Math.max(...corners.map((c) => c.y));
          const out: string[] = [];
          if (fx0 < 0 || fy0 < 0 || fx1 > cw || fy1 > ch) out.push('inset frame cut');
          // Main-map features are shifted in longitude only: recover real longitudes from the
          // outline of the inset's source area, so that islands far outside the region (Rapa Nui)
          // stay outside the promise, as they always were.
          // (The shipped story has an inset; without one there is no 'source' ring and no shift.)
          const shift =
            Math.min(...ringOf('source').map((p) => p[0] as number)) -
            (composition.insetSource ?? composition.main)[0][0];
          const [[mw, ms], [me, mn]] = composition.main;
          for (const f of features) {
            if (!f.properties.focus || !focus.includes(f.properties.iso3 as string)) continue;
            const main = f.properties.part === 'main';
            for (const polygon of f.geometry.coordinates) {
              const outer = polygon[0] ?? [];
              const lngs = outer.map((p) => (p[0] as number) - (main ? shift : 0));
              const lats = outer.map((p) => p[1] as number);
              const outside =
                Math.max(...lngs) < mw || Math.min(...lngs) > me || Math.max(...lats) < ms || Math.min(...lats) > mn;
              if (main && outside) continue;
              for (const ring of polygon)
                for (const p of ring) {
                  const { x, y } = map.project(p as [number, number]);
                  if (x < 0 || y < 0 || x > cw || y > ch) {
                    out.push(`${f.properties.iso3} (${f.properties.part}) cut at ${x.toFixed(0)},${y.toFixed(0)}`);
                    return out;
                  }
                  if (main && x > fx0 && x < fx1 && y > fy0 && y < fy1) {
                    out.push(`${f.properties.iso3} under the inset at ${x.toFixed(0)},${y.toFixed(0)}`);
                    return out;
                  }
                }
            }
          }
          return out;
        },
        [FOCUS_COUNTRIES as unknown as string[], COMPOSITION] as const,
      );
      expect(problems, `${width}×${height}`).toEqual([]);
    }
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  for (const viewport of [
    { width: 320, height: 640 },
    { width: 375, height: 740 },
    { width: 768, height: 1024 },
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ])
    it(`gives the six countries labels of at least 24×24 px that overlap nothing at ${viewport.width}×${viewport.height}`, async () => {
      const w = await open(viewport);
      await w.page.locator('.map').scrollIntoViewIfNeeded();
      const map = (await w.page.getByRole('region', { name: /map/i }).boundingBox()) as {
        x: number;
        y: number;
        width: number;
        height: number;
      };
      const boxes: { id: string; x: number; y: number; width: number; height: number }[] = [];
      for (const iso of FOCUS_COUNTRIES) {
        const box = await w.page.locator(`.map-labels button[data-country="${iso}"]`).boundingBox();
        expect(box, iso).not.toBeNull();
        if (!box) continue;
        expect(box.width, iso).toBeGreaterThanOrEqual(24);
        expect(box.height, iso).toBeGreaterThanOrEqual(24);
        expect(box.x, iso).toBeGreaterThanOrEqual(map.x);
        expect(box.y, iso).toBeGreaterThanOrEqual(map.y);
        expect(box.x + box.width, iso).toBeLessThanOrEqual(map.x + map.width);
        expect(box.y + box.height, iso).toBeLessThanOrEqual(map.y + map.height);
        boxes.push({ id: iso, ...box });
      }
      // Nor the inset's caption or the map's controls.
      for (const other of await w.page.locator('.inset-caption, .maplibregl-ctrl').all()) {
        const box = await other.boundingBox();
        if (box) boxes.push({ id: (await other.getAttribute('class')) ?? 'control', ...box });
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]] as [(typeof boxes)[0], (typeof boxes)[0]];
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap, `${a.id} / ${b.id}`).toBe(false);
        }
      // Each label is what a tap at its centre reaches.
      for (const b of boxes.filter((x) => (FOCUS_COUNTRIES as readonly string[]).includes(x.id))) {
        const hit = await w.page.evaluate(
          ([x, y]) =>
            (document.elementFromPoint(x as number, y as number)?.closest('button') as HTMLElement | null)?.dataset
              .country,
          [b.x + b.width / 2, b.y + b.height / 2],
        );
        expect(hit, b.id).toBe(b.id);
      }
      expect(w.errors).toEqual([]);
      await w.page.close();
    });

  it('keeps every label’s size and place when a country is selected (a click lays out no labels)', async () => {
    const w = await open({ width: 1280, height: 800 });
    const boxes = async () =>
      Promise.all(
        FOCUS_COUNTRIES.map((iso) => w.page.locator(`.map-labels button[data-country="${iso}"]`).boundingBox()),
      );
    const before = await boxes();
    for (const iso of FOCUS_COUNTRIES.slice(0, 3)) {
      await w.page.locator(`.map-labels button[data-country="${iso}"]`).click();
      await w.page.locator(`.map-labels button[data-country="${iso}"][data-selected]`).waitFor();
      expect(await boxes(), iso).toEqual(before);
    }
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});

describe('the map in the first screen', () => {
  for (const lang of ['en', 'es'] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
    ])
      it(`${lang}: at ${viewport.width}×${viewport.height} the whole map is in the first screen, the panel beside it`, async () => {
        const w = await open(viewport, `?lang=${lang}&country=SLV`);
        const map = await w.page.getByRole('region', { name: /map|mapa/i }).boundingBox();
        const panel = await w.page.getByRole('complementary', { name: 'El Salvador' }).boundingBox();
        console.log(
          `${lang} ${viewport.width}×${viewport.height}: map ${map?.y.toFixed(0)}–${((map?.y ?? 0) + (map?.height ?? 0)).toFixed(0)} px`,
        );
        expect(map?.y).toBeGreaterThanOrEqual(0);
        expect((map?.y ?? 0) + (map?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
        expect(map?.height).toBeGreaterThanOrEqual(380);
        expect(panel?.x).toBeGreaterThanOrEqual((map?.x ?? 0) + (map?.width ?? 0));
        expect(w.errors).toEqual([]);
        await w.page.close();
      });
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 375, height: 740 },
    ])
      it(`${lang}: at ${viewport.width}×${viewport.height} the map starts in the top half and fills 40 % of the screen`, async () => {
        const w = await open(viewport, `?lang=${lang}`);
        const map = (await w.page.getByRole('region', { name: /map|mapa/i }).boundingBox()) as {
          y: number;
          height: number;
        };
        const visible = Math.min(map.y + map.height, viewport.height) - map.y;
        console.log(
          `${lang} ${viewport.width}×${viewport.height}: map starts at ${map.y.toFixed(0)} px; ${((100 * visible) / viewport.height).toFixed(0)} % of the first screen is map`,
        );
        expect(map.y).toBeLessThanOrEqual(viewport.height / 2);
        expect(visible).toBeGreaterThanOrEqual(0.4 * viewport.height);
        expect(w.errors).toEqual([]);
        await w.page.close();
      });
  }

  it('folds the filter into a summary button on a phone, whose checkboxes work once opened', async () => {
    const w = await open({ width: 375, height: 740 });
    const group = w.page.getByRole('group', { name: /measure type/i });
    expect(await group.isVisible()).toBe(false);
    const toggle = w.page.getByRole('button', { name: /^Measure types: all 8/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await group.getByRole('checkbox', { name: 'Mass detention' }).uncheck();
    await expect.poll(() => w.page.getByRole('button', { name: /^Measure types: 7 of 8/ }).count()).toBe(1);
    await expect.poll(() => new URL(w.page.url()).searchParams.has('types')).toBe(true);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('shows the chips at once on a wide screen', async () => {
    const w = await open({ width: 1280, height: 800 });
    expect(await w.page.getByRole('group', { name: /measure type/i }).isVisible()).toBe(true);
    expect(await w.page.getByRole('button', { name: /^Measure types:/ }).count()).toBe(0);
    await w.page.close();
  });
});
