/**
 * Build step: measures the built embed's height at every width a host column may have, in headless
 * Chromium, and writes that width → height table into `dist/embed.js`, which reserves the height
 * before the iframe has loaded (no layout shift on the host page). Measured from the build itself,
 * so the table cannot drift from the layout. Needs Debian's `chromium` (as the browser tests do);
 * without it the build still succeeds, warns, and embed.js falls back to its default reservation.
 * `EMBED_HEIGHTS=skip` turns the step off.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Plugin, preview } from 'vite';

/** Host column widths (CSS px) measured: every layout breakpoint from both sides, and between. */
export const EMBED_WIDTHS = [
  280, 300, 320, 340, 360, 375, 390, 414, 440, 480, 520, 560, 600, 640, 641, 700, 768, 820, 899, 900, 960, 1000, 1100,
  1200, 1280, 1400,
] as const;

/** The placeholder in public/embed.js that the measured table replaces. */
export const HEIGHTS_MARKER = '/* embed-heights */ []';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Height of the embed (`?embed=1`, default view) at each width, as the app reports it. */
export async function measureEmbedHeights(
  origin: string,
  widths: readonly number[] = EMBED_WIDTHS,
): Promise<[number, number][]> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'policy-map-heights-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await context.newPage();
    const table: [number, number][] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      if (table.length === 0) {
        await page.goto(`${origin}/?embed=1`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.evaluate(() => document.fonts.ready);
      }
      // Two frames: layout after the resize, then anything React or ResizeObservers changed.
      const height = await page.evaluate(
        () =>
          new Promise<number>((done) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => done(Math.ceil(document.documentElement.getBoundingClientRect().height))),
            ),
          ),
      );
      table.push([width, height]);
    }
    return table;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export function embedHeightsPlugin(): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'policy-map-embed-heights',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const file = join(outDir, 'embed.js');
      const source = readFileSync(file, 'utf8');
      if (!source.includes(HEIGHTS_MARKER)) this.error(`embed heights: ${file} has no ${HEIGHTS_MARKER} placeholder`);
      if (process.env.EMBED_HEIGHTS === 'skip') return;
      if (!existsSync(CHROME_PATH)) {
        this.warn(
          `embed heights: no Chromium at ${CHROME_PATH}; embed.js will reserve a default height (apt-get install -y chromium, then build again)`,
        );
        return;
      }
      const server = await preview({
        root,
        configFile: false,
        logLevel: 'silent',
        build: { outDir },
        preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
      });
      try {
        const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
        if (!origin) this.error('embed heights: the preview server has no address');
        const table = await measureEmbedHeights(origin);
        writeFileSync(file, source.replace(HEIGHTS_MARKER, JSON.stringify(table)));
        this.info(`embed heights: measured ${table.length} widths, ${table[0]?.[1]}–${table.at(-1)?.[1]} px`);
      } finally {
        await server.close();
      }
    },
  };
}
