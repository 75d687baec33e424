/**
 * Issue 11, point 5: the README's "A new story" guide works as written. Every command in its code
 * blocks runs, in order, in a copy of the project (so its build does not replace dist/), with the
 * editing of steps 2 and 3 done here as an editor would; then the built story is opened in Chromium.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { waitForMap } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The folder names the guide uses, next to the project's folder. */
const STORY = '../my-story';
const CSV = '../my-story-csv';

/** The commands of the README's "A new story" section, one per line, in order. */
function guideCommands(readme: string): string[] {
  const start = readme.indexOf('\n## A new story');
  if (start < 0) throw new Error('README has no "A new story" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

const sandbox = mkdtempSync(join(tmpdir(), 'new-story-'));
const project = join(sandbox, 'project');
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** A copy of what the app needs to build and serve, with the installed packages linked in. */
function copyProject(): void {
  for (const f of ['package.json', 'tsconfig.json', 'vite.config.ts', 'index.html', 'src', 'public', 'geo'])
    cpSync(join(ROOT, f), join(project, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
}

function run(command: string) {
  return spawnSync('bash', ['-c', command], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
}

/** Step 2, as an editor does it: every "TODO" text replaced by real words. */
function writeTexts(dir: string): void {
  const files = ['story.json', 'dataset.json', ...readdirSync(join(dir, 'measures')).map((f) => `measures/${f}`)];
  for (const f of files) {
    const path = join(dir, f);
    const text = readFileSync(path, 'utf8')
      // The date the facts are current to, as the guide says to set it.
      .replace(/"asOf": "TODO: [^"]*"/, '"asOf": "2026-06-30"')
      .replace(/"TODO: ([^"\\]|\\.)*"/g, (m) =>
        m.includes('headline') && !m.includes('en español')
          ? '"A story started from the README guide"'
          : `"Written by the guide's test: ${m.length} characters"`,
      );
    writeFileSync(path, text);
  }
}

/** Step 3, as an editor does it in a spreadsheet: one measure and its source added. */
function addMeasure(csvDir: string): void {
  const append = (file: string, row: Record<string, string>) => {
    const path = join(csvDir, file);
    const [header] = parse(readFileSync(path), { bom: true, to: 1 }) as string[][];
    const line = stringify([(header as string[]).map((c) => row[c] ?? '')], { record_delimiter: '\r\n' });
    writeFileSync(path, readFileSync(path, 'utf8') + line);
  };
  append('measures.csv', {
    id: 'pe-example-measure',
    country: 'PER',
    brief_code: 'PE-1',
    type: 'example-type',
    title_en: 'An example measure',
    title_es: 'Una medida de ejemplo',
    summary_en: 'Entered in a spreadsheet.',
    summary_es: 'Escrita en una hoja de cálculo.',
    status: 'proposed',
    status_sources: '1',
    announced_date: '2026-01',
    announced_sources: '1',
  });
  append('sources.csv', {
    measure_id: 'pe-example-measure',
    n: '1',
    publisher: 'Example Wire',
    headline_kind: 'none',
    url: 'https://example.org/a-source',
  });
}

describe('the README’s "A new story" guide', () => {
  const commands = guideCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('has the steps from an empty folder to a published build', () => {
    expect(commands.map((c) => c.match(/npm (?:run )?([\w:-]+)/)?.[1])).toEqual([
      'story:new',
      'data:export',
      'data:import',
      'geo',
      'check-data',
      'start',
      'build',
    ]);
    for (const c of commands) expect(c).toContain(STORY);
  });

  it('runs every command in order, and the result is a working map of the new countries', async () => {
    copyProject();
    const story = join(project, STORY);
    let preview: ChildProcess | null = null;
    try {
      for (const command of commands) {
        if (command.includes('data:export')) {
          // Before step 2 the check lists the placeholders, as the guide says.
          const check = run(`POLICY_DATA=${STORY} npm run check-data`);
          expect(check.status).toBe(1);
          expect(check.stderr).toContain('is still a placeholder');
          writeTexts(story);
        }
        if (command.includes('data:import')) addMeasure(join(project, CSV));
        if (/npm start/.test(command)) {
          preview = spawn('bash', ['-c', command], { cwd: project, detached: true, stdio: 'ignore' });
          let html = '';
          await expect
            .poll(
              async () => {
                html = await fetch('http://127.0.0.1:4173/').then(
                  (r) => r.text(),
                  () => '',
                );
                return html.includes('<title>');
              },
              { timeout: 120_000, interval: 500 },
            )
            .toBe(true);
          expect(html).toContain('<title>A story started from the README guide</title>');
          process.kill(-(preview.pid as number));
          preview = null;
          continue;
        }
        const r = run(command);
        expect(r.status, `${command}\n${r.stdout}\n${r.stderr}`).toBe(0);
      }
      // The build: the new story's countries, boundaries and measure, in a page that works.
      const topo = JSON.parse(readFileSync(join(project, 'dist/geo/region.topo.json'), 'utf8'));
      const focus = topo.objects.countries.geometries
        .filter((g: { properties: { focus: boolean } }) => g.properties.focus)
        .map((g: { properties: { iso3: string } }) => g.properties.iso3);
      expect(focus.sort()).toEqual(['BOL', 'COL', 'ECU', 'PER']);
      const { serveStatic } = await import('./static-server.ts');
      const server = await serveStatic(join(project, 'dist'));
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(`${server.origin}/`);
        await waitForMap(page);
        const countries = page.getByRole('navigation', { name: 'Countries' }).getByRole('button');
        expect(await countries.allTextContents()).toEqual([
          'Peru, 1 measure',
          'Bolivia, no measures',
          'Colombia, no measures',
          'Ecuador, no measures',
        ]);
        await countries.first().click();
        await page
          .getByRole('complementary', { name: 'Peru' })
          .getByRole('heading', { name: 'An example measure' })
          .waitFor();
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
    } finally {
      if (preview?.pid) process.kill(-preview.pid);
    }
  }, 300_000);
});
