/**
 * The browser tests' static server: the one `npm start` runs (src/tools/serve.ts), so the tests
 * load the build as it ships — the precompressed `.br`/`.gz` files with `Content-Encoding`, the
 * same Content-Types, ETags and refusals — on 127.0.0.1, on a free port. Each test file owns its
 * servers, so it controls their headers and can run a second origin. The build's `_headers` rules
 * are not applied here unless a test asks (`headersFile: true`, as cdn.e2e.ts does): a test sets
 * the headers it checks, e.g. the Content-Security-Policy read from `_headers` (harness.ts).
 */
import { type StaticServer, serveBuild } from '../../src/tools/serve.ts';

export type { StaticServer };

/**
 * @param headers added to every response (e.g. a Content-Security-Policy)
 * @param routes extra files by URL path (e.g. "/pym.v1.min.js" → a file in node_modules)
 * @param options.maxHeaderSize Node's request-line + header limit (16 KB by default); the URL fuzz
 *   raises it so 100 KB query strings reach the app instead of a 431 from this server
 * @param options.headersFile apply the folder's `_headers` as `npm start` does (default false)
 */
export function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  routes: Record<string, string> = {},
  options: { maxHeaderSize?: number; headersFile?: boolean } = {},
): Promise<StaticServer> {
  return serveBuild(root, {
    headers,
    routes,
    maxHeaderSize: options.maxHeaderSize,
    headersFile: !!options.headersFile,
  });
}
