/**
 * The HTTP headers a static host should send with the build, as a `_headers` file (the format
 * Netlify and Cloudflare Pages read from the published folder; `npm start` reads the same file):
 * how long each file may be cached, which files vary by `Accept-Encoding`, and each page's Content
 * Security Policy. Pure: the build's plugin (vite/headers-file.ts) hands it the output's file list
 * and pages, and writes the text; the local server parses it back and applies it.
 *
 * No header is set by two rules that can match the same path: where two rules match, Cloudflare
 * Pages joins the values with a comma and Netlify keeps the later one, so an overlap would mean
 * different headers on different hosts. `/*` carries only what every file shares, and each file
 * that is not under `assets/` gets a rule of its own.
 */
import { pageCsp } from './csp.ts';

/** The file's name in the output folder. */
export const HEADERS_FILE = '_headers';

/**
 * For files whose name carries a hash of their content: the content never changes under that
 * name (a new build writes new names), so every cache may keep them for a year without asking.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * For files that keep their name from one build to the next: index.html (which names the hashed
 * files), embed.js, fallback.svg and the social card (named in host pages' snippets and other
 * sites' link previews), facts.html, the boundary file. A correction reaches every reader within
 * five minutes of the upload, while in a front-page spike a CDN's edge still answers nearly every
 * request from its cache: it asks the origin again at most once every five minutes per file, and an
 * unchanged file then costs a 304 (ETag). `must-revalidate`: once stale, no cache serves it without
 * asking first.
 */
export const SHORT_LIVED = 'public, max-age=300, must-revalidate';

/** Hashed by the build: every file under assets/ (Vite's names) and the records file (policy-data.ts). */
export function isHashed(file: string): boolean {
  return file.startsWith('assets/') || /^data\/records\.[0-9a-f]+\.json$/.test(file);
}

export type Header = [name: string, value: string];

export interface HeaderRule {
  /** A URL path; `*` matches any characters (a "splat"), `:name` one path segment. */
  path: string;
  headers: Header[];
}

/** The files a host serves under their own URL: not `_headers`, not the `.br`/`.gz` beside a file. */
function servedFiles(files: readonly string[]): string[] {
  const all = new Set(files);
  return files.filter((f) => f !== HEADERS_FILE && !(/\.(br|gz)$/.test(f) && all.has(f.replace(/\.(br|gz)$/, ''))));
}

/** The URLs of one file: a folder's index.html is also the folder itself (`/` for `index.html`). */
function urlsOf(file: string): string[] {
  const index = file === 'index.html' || file.endsWith('/index.html');
  return index ? [`/${file.slice(0, -'index.html'.length)}`, `/${file}`] : [`/${file}`];
}

/**
 * The rules for a build.
 * @param files every file of the output folder, relative to it (`assets/index-Ab12.js`)
 * @param pages the text of each HTML page of the output, by its path (`index.html`)
 * @param compressed whether a file has (or will have) precompressed `.br`/`.gz` variants
 */
export function deployRules(
  files: readonly string[],
  pages: ReadonlyMap<string, string>,
  compressed: (file: string) => boolean,
): HeaderRule[] {
  const served = servedFiles(files);
  const vary = (yes: boolean): Header[] => (yes ? [['Vary', 'Accept-Encoding']] : []);
  const rules: HeaderRule[] = [{ path: '/*', headers: [['X-Content-Type-Options', 'nosniff']] }];
  const assets = served.filter((f) => f.startsWith('assets/'));
  if (assets.length > 0)
    rules.push({ path: '/assets/*', headers: [['Cache-Control', IMMUTABLE], ...vary(assets.some(compressed))] });
  for (const file of served.filter((f) => !f.startsWith('assets/'))) {
    const page = pages.get(file);
    const headers: Header[] = [
      ['Cache-Control', isHashed(file) ? IMMUTABLE : SHORT_LIVED],
      ...vary(compressed(file)),
      ...(page === undefined ? [] : [['Content-Security-Policy', pageCsp(page)] as Header]),
    ];
    for (const path of urlsOf(file)) rules.push({ path, headers });
  }
  return rules;
}

/** The `_headers` file: a comment, then each rule's path and its indented `Name: value` lines. */
export function formatHeadersFile(rules: readonly HeaderRule[]): string {
  const head = [
    '# Written by the build (src/tools/vite/headers-file.ts): the headers for Netlify and Cloudflare',
    '# Pages, which read this file, and for npm start. Other hosts: README, "Deploying".',
  ];
  const blocks = rules.map((r) => [r.path, ...r.headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n'));
  return `${[head.join('\n'), ...blocks].join('\n\n')}\n`;
}

/** Reads a `_headers` file; a line it cannot read is an error naming the line, never skipped. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!/^\s/.test(line) && trimmed.startsWith('/')) {
      rules.push({ path: trimmed, headers: [] });
      return;
    }
    const header = /^\s+([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/.exec(line);
    const rule = rules.at(-1);
    if (!header || !rule)
      throw new Error(`_headers line ${i + 1}: expected a path or an indented "Name: value" under one: ${line}`);
    rule.headers.push([header[1] as string, (header[2] as string).trim()]);
  });
  return rules;
}

/** A rule's path as a regular expression over URL paths. */
function pathPattern(path: string): RegExp {
  const parts = path.split(/(\*|:[A-Za-z_]\w*)/).map((part) => {
    if (part === '*') return '.*';
    if (part.startsWith(':')) return '[^/]+';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

/**
 * The headers for one URL path: those of every rule that matches it, in the file's order. A header
 * set by two matching rules is joined with ", " as Cloudflare Pages does (the build writes none).
 */
export function headersFor(rules: readonly HeaderRule[], urlPath: string): Header[] {
  const out = new Map<string, Header>();
  for (const rule of rules) {
    if (!pathPattern(rule.path).test(urlPath)) continue;
    for (const [name, value] of rule.headers) {
      const seen = out.get(name.toLowerCase());
      out.set(name.toLowerCase(), seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value]);
    }
  }
  return [...out.values()];
}
