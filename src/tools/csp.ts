/**
 * The app's Content Security Policy: one source for the `_headers` file the build writes, the
 * browser tests (which read it back from that file) and the README's "Content Security Policy"
 * (a unit test keeps the README's copy equal to this one). A page's inline scripts are allowed by
 * their hashes, never by 'unsafe-inline': `pageCsp` adds the `'sha256-…'` of each to `script-src`.
 */
import { createHash } from 'node:crypto';

/** No inline scripts, no other origins; MapLibre's worker from blob:, exported images as blob:/data:. */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors *";

/**
 * The text of every `<script>` without a `src` in a page, as the browser hashes it: the HTML parser
 * turns CR LF and lone CR into LF before anything else, and a script's text is taken verbatim
 * (character references are not decoded inside it).
 */
export function inlineScripts(html: string): string[] {
  const normalised = html.replace(/\r\n?/g, '\n');
  return [...normalised.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter((m) => !/(^|\s)src\s*=/i.test(m[1] ?? ''))
    .map((m) => m[2] ?? '');
}

/** A CSP hash source for one inline script: `'sha256-<base64 of the SHA-256 of its UTF-8 text>'`. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** `csp` with `hashes` added to its `script-src` directive (which it must have). */
export function withScriptHashes(csp: string, hashes: readonly string[]): string {
  const directives = csp.split(';').map((d) => d.trim());
  const at = directives.findIndex((d) => /^script-src(\s|$)/.test(d));
  if (at < 0) throw new Error(`csp: the policy has no script-src directive to add hashes to: ${csp}`);
  const added = hashes.filter((h) => !(directives[at] as string).split(/\s+/).includes(h));
  if (added.length === 0) return csp;
  directives[at] = [directives[at], ...new Set(added)].join(' ');
  return directives.join('; ');
}

/** The policy to serve one built page with: the app's, plus the hash of each of its inline scripts. */
export function pageCsp(html: string, base: string = APP_CSP): string {
  return withScriptHashes(base, inlineScripts(html).map(scriptHash));
}

/** The value of every `style="…"` attribute in a page (the prerendered first screen's). */
export function inlineStyleAttributes(html: string): string[] {
  return [...new Set([...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&')))];
}

/**
 * `csp` without 'unsafe-inline' for styles: style elements and attributes are refused, but for the
 * page's own `style` attributes (the prerendered first screen's), allowed one by one by their
 * hashes ('unsafe-hashes' lets a hash allow an attribute, and nothing else).
 */
export function tightStyleCsp(csp: string, html: string): string {
  const hashes = inlineStyleAttributes(html).map(scriptHash);
  const style = hashes.length ? `style-src 'self' 'unsafe-hashes' ${hashes.join(' ')}` : "style-src 'self'";
  const tight = csp.replace("style-src 'self' 'unsafe-inline'", style);
  if (tight === csp) throw new Error(`csp: no "style-src 'self' 'unsafe-inline'" to tighten in: ${csp}`);
  return tight;
}
