// @vitest-environment node
/**
 * The build writes `.br` and `.gz` beside every text file of its output (src/tools/vite/precompress.ts),
 * and `_headers` (src/tools/vite/headers-file.ts), after every other plugin has written its files:
 * a plugin that writes a page and the social card in its own closeBundle, registered after them,
 * still has its files compressed and its page's inline script hashed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build, loadConfigFromFile, type Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { headersFor, IMMUTABLE, parseHeadersFile, SHORT_LIVED } from '../../src/tools/deploy-headers.ts';
import { listFiles } from '../../src/tools/list-files.ts';
import { headersFilePlugin } from '../../src/tools/vite/headers-file.ts';
import { precompressDir, precompressPlugin } from '../../src/tools/vite/precompress.ts';

const scratch = mkdtempSync(join(tmpdir(), 'policy-precompress-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (dir: string, file: string, body: string | Buffer) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), body);
};

/** A text long enough for the codings to differ, and the files of a small output folder. */
const TEXT = Array.from({ length: 400 }, (_, i) => `{"id":${i},"name":"measure ${i % 17}","status":"active"}`).join(
  ',\n',
);
const OUTPUT: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><title>x</title>',
  'facts.html': `<p>${TEXT}</p>`,
  'embed.js': `/* embed */ ${TEXT}`,
  'fallback.svg': `<svg xmlns="http://www.w3.org/2000/svg"><desc>${TEXT}</desc></svg>`,
  'assets/index-Ab12Cd34.js': `export const a = [${TEXT}];`,
  'assets/index-Ab12Cd34.mjs': 'export {};',
  'assets/index-Ef56Gh78.css': 'body{margin:0}',
  'assets/index-Ab12Cd34.js.map': '{"version":3}',
  'data/records.0123456789.json': `[${TEXT}]`,
  'robots.txt': 'x',
  'sitemap.xml': '<urlset/>',
  'site.webmanifest': '{}',
  'social-card.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
  'assets/font-Ab12.woff2': Buffer.from('wOF2 binary'),
  'assets/photo-Ab12.jpg': Buffer.from([0xff, 0xd8, 0xff]),
};

describe('precompressing an output folder', () => {
  const dir = join(scratch, 'out');
  for (const [file, body] of Object.entries(OUTPUT)) write(dir, file, body);

  it('writes .br and .gz beside every text file, the smallest too, that decompress to its bytes', async () => {
    const done = await precompressDir(dir);
    const text = Object.keys(OUTPUT).filter((f) => !/\.(png|woff2|jpg)$/.test(f));
    expect(done.map((d) => d.file).sort()).toEqual(text.sort());
    for (const file of text) {
      const raw = readFileSync(join(dir, file));
      expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))).equals(raw), file).toBe(true);
      expect(gunzipSync(readFileSync(join(dir, `${file}.gz`))).equals(raw), file).toBe(true);
    }
  });

  it('leaves images and fonts alone', () => {
    for (const file of ['social-card.png', 'assets/font-Ab12.woff2', 'assets/photo-Ab12.jpg'])
      expect(existsSync(join(dir, `${file}.br`)) || existsSync(join(dir, `${file}.gz`)), file).toBe(false);
  });

  it('compresses text several times over, brotli smaller than gzip', () => {
    const size = (f: string) => readFileSync(join(dir, f)).length;
    const raw = size('data/records.0123456789.json');
    expect(size('data/records.0123456789.json.gz')).toBeLessThan(raw / 4);
    expect(size('data/records.0123456789.json.br')).toBeLessThan(size('data/records.0123456789.json.gz'));
  });
});

/** A plugin like the social card's: writes a page with an inline script and a PNG in closeBundle. */
const BOOT = 'window.__boot = 1;';
function latePlugin(): Plugin {
  let outDir = '';
  return {
    name: 'late-writer',
    configResolved: (config) => {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await new Promise((ok) => setTimeout(ok, 50)); // slower than the others, on purpose
      write(outDir, 'late.html', `<!doctype html><script>${BOOT}</script><p>${TEXT}</p>`);
      write(outDir, 'social-card.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    },
  };
}

describe('the deploy plugins in a build', () => {
  it('run after every other plugin, even one registered after them', async () => {
    const root = join(scratch, 'app');
    write(
      root,
      'index.html',
      '<!doctype html><html><head><title>t</title></head><body><script type="module" src="./main.js"></script></body></html>',
    );
    write(root, 'main.js', `document.title = ${JSON.stringify(TEXT.slice(0, 200))};`);
    const outDir = join(scratch, 'app-dist');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      base: './',
      plugins: [headersFilePlugin(), precompressPlugin(), latePlugin()],
      build: { outDir, emptyOutDir: true },
    });
    const files = listFiles(outDir);
    expect(files).toContain('late.html.br');
    expect(files).toContain('late.html.gz');
    expect(files.filter((f) => f.startsWith('assets/') && f.endsWith('.js.br'))).toHaveLength(1);
    const rules = parseHeadersFile(readFileSync(join(outDir, '_headers'), 'utf8'));
    const header = (path: string, name: string) => headersFor(rules, path).find(([n]) => n.toLowerCase() === name)?.[1];
    const hash = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;
    expect(header('/late.html', 'content-security-policy')).toContain(`script-src 'self' ${hash};`);
    expect(header('/social-card.png', 'cache-control')).toBe(SHORT_LIVED);
    const script = files.find((f) => f.startsWith('assets/') && f.endsWith('.js')) as string;
    expect(header(`/${script}`, 'cache-control')).toBe(IMMUTABLE);
  }, 30_000);

  it('are the last plugins of vite.config.ts: another "post" closeBundle registered before them runs first', async () => {
    const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'vite.config.ts');
    const names = (loaded?.config.plugins ?? [])
      .flat(5)
      .map((p) => (p && typeof p === 'object' && 'name' in p ? p.name : ''));
    expect(names.slice(-2)).toEqual(['deploy-headers', 'precompress']);
  });
});
