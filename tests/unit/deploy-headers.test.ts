// @vitest-environment node
/**
 * The `_headers` file the build writes for CDNs (src/tools/deploy-headers.ts, src/tools/csp.ts):
 * hashed files immutable for a year, every other file short-lived and revalidated, `Vary` where
 * precompressed variants exist, and each page's Content Security Policy allowing its inline
 * scripts by their SHA-256 hashes (never 'unsafe-inline'). The README's policy is this policy.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_CSP, inlineScripts, pageCsp } from '../../src/tools/csp.ts';
import {
  deployRules,
  formatHeadersFile,
  HEADERS_FILE,
  type HeaderRule,
  headersFor,
  IMMUTABLE,
  parseHeadersFile,
  SHORT_LIVED,
} from '../../src/tools/deploy-headers.ts';
import { isTextFile } from '../../src/tools/vite/precompress.ts';

/** An inline script as another plugin may add it to index.html (bytes hashed exactly as written). */
const BOOT = "document.documentElement.dataset.boot = 'é';";
const INDEX = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>Map</title>
<script>${BOOT}</script>
<script type="module" crossorigin src="./assets/index-Ab12Cd34.js"></script>
<link rel="stylesheet" href="./assets/index-Ef56Gh78.css">
</head><body><div id="root"></div></body></html>
`;
const FACTS = '<!doctype html><html lang="en"><head><title>Facts</title></head><body><p>Facts</p></body></html>';

const FILES = [
  HEADERS_FILE,
  'assets/index-Ab12Cd34.js',
  'assets/index-Ab12Cd34.js.br',
  'assets/index-Ab12Cd34.js.gz',
  'assets/index-Ef56Gh78.css',
  'data/records.0123456789.json',
  'data/records.0123456789.json.br',
  'embed.js',
  'facts.html',
  'fallback.svg',
  'geo/region.topo.json',
  'index.html',
  'index.html.br',
  'index.html.gz',
  'social-card.png',
];
const PAGES = new Map([
  ['index.html', INDEX],
  ['facts.html', FACTS],
]);
const RULES = deployRules(FILES, PAGES, isTextFile);

/** The headers a host gives `path`, by lower-case name. */
const at = (path: string, rules: HeaderRule[] = RULES) =>
  Object.fromEntries(headersFor(rules, path).map(([name, value]) => [name.toLowerCase(), value]));

/** SHA-256 of the script's UTF-8 bytes in base64, computed here without the module under test. */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64')}'`;

describe('the _headers rules for a build', () => {
  it('marks hashed files immutable for a year', () => {
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/index-Ab12Cd34.js', '/assets/index-Ef56Gh78.css', '/data/records.0123456789.json'])
      expect(at(path)['cache-control'], path).toBe(IMMUTABLE);
  });

  it('keeps the files with stable names short-lived and revalidated: the page, embed.js, fallback.svg, the social card', () => {
    expect(SHORT_LIVED).toMatch(/^public, max-age=(\d+), must-revalidate$/);
    expect(Number(SHORT_LIVED.match(/max-age=(\d+)/)?.[1])).toBeLessThanOrEqual(600);
    for (const path of [
      '/',
      '/index.html',
      '/embed.js',
      '/fallback.svg',
      '/social-card.png',
      '/facts.html',
      '/geo/region.topo.json',
    ])
      expect(at(path)['cache-control'], path).toBe(SHORT_LIVED);
  });

  it('sets no header twice for any file (hosts merge overlapping rules differently)', () => {
    for (const file of FILES.filter((f) => !/\.(br|gz)$/.test(f) && f !== HEADERS_FILE)) {
      const names = RULES.filter((r) => headersFor([r], `/${file}`).length > 0).flatMap((r) =>
        r.headers.map(([n]) => n.toLowerCase()),
      );
      expect(names.length, file).toBe(new Set(names).size);
    }
  });

  it('says Vary: Accept-Encoding where precompressed variants exist, and nosniff everywhere', () => {
    expect(at('/assets/index-Ab12Cd34.js').vary).toBe('Accept-Encoding');
    expect(at('/').vary).toBe('Accept-Encoding');
    expect(at('/embed.js').vary).toBe('Accept-Encoding');
    expect(at('/social-card.png').vary).toBeUndefined();
    for (const path of ['/', '/assets/index-Ab12Cd34.js', '/social-card.png'])
      expect(at(path)['x-content-type-options']).toBe('nosniff');
  });

  it('has no rule for _headers itself or for the .br and .gz files', () => {
    expect(RULES.map((r) => r.path).filter((p) => /_headers|\.(br|gz)$/.test(p))).toEqual([]);
  });

  it("allows the page's inline script by its hash in the page's CSP, never by 'unsafe-inline'", () => {
    const csp = at('/')['content-security-policy'] as string;
    expect(at('/index.html')['content-security-policy']).toBe(csp);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe(`script-src 'self' ${sha256(BOOT)}`);
    expect(csp.replace(scriptSrc as string, '')).toBe(APP_CSP.replace("script-src 'self'", ''));
    // A page without inline scripts gets the app's policy as it is; files that are not pages, none.
    expect(at('/facts.html')['content-security-policy']).toBe(APP_CSP);
    expect(at('/embed.js')['content-security-policy']).toBeUndefined();
  });

  it('hashes a script as the browser reads it: CR LF as LF, every inline script, none with src', () => {
    const html = '<script>\r\nlet a = 1;\r\n</script><SCRIPT type="module">b()</SCRIPT><script src="x.js"></script>';
    expect(inlineScripts(html)).toEqual(['\nlet a = 1;\n', 'b()']);
    expect(pageCsp(html)).toContain(`script-src 'self' ${sha256('\nlet a = 1;\n')} ${sha256('b()')};`);
  });
});

describe('the _headers file', () => {
  it('reads back as it was written (the format Netlify and Cloudflare Pages read)', () => {
    const text = formatHeadersFile(RULES);
    expect(text).toMatch(/^# /);
    expect(text).toContain('\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(parseHeadersFile(text)).toEqual(RULES);
  });

  it('refuses a line it cannot read, naming it', () => {
    expect(() => parseHeadersFile('  Cache-Control: no-store\n')).toThrow(/line 1/);
    expect(() => parseHeadersFile('/a\n  not a header\n')).toThrow(/line 2.*not a header/);
  });

  it('matches splats and placeholders, the root only for /, and joins a header two rules set', () => {
    const rules = parseHeadersFile('/*\n  A: 1\n/assets/*\n  A: 2\n/u/:id/x\n  B: 3\n/\n  C: 4\n');
    expect(headersFor(rules, '/assets/a/b.js')).toEqual([['A', '1, 2']]);
    expect(headersFor(rules, '/u/7/x')).toEqual([
      ['A', '1'],
      ['B', '3'],
    ]);
    expect(headersFor(rules, '/u/7/8/x')).toEqual([['A', '1']]);
    expect(headersFor(rules, '/')).toEqual([
      ['A', '1'],
      ['C', '4'],
    ]);
  });
});

describe('one Content Security Policy', () => {
  it('is the one the README tells hosts to serve', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('**Content Security Policy.**'));
    const block = section.match(/```\nContent-Security-Policy: (.*)\n```/)?.[1];
    expect(block).toBe(APP_CSP);
  });
});
