/**
 * A minimal static file server for the built app (and host-page fixtures), on 127.0.0.1 only.
 * End-to-end tests own their server so they control its headers and can run a second origin.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * @param headers added to every response (e.g. a Content-Security-Policy)
 * @param routes extra files by URL path (e.g. "/pym.v1.min.js" → a file in node_modules)
 * @param options.maxHeaderSize Node's request-line + header limit (16 KB by default); the URL fuzz
 *   raises it so 100 KB query strings reach the app instead of a 431 from this server
 */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  routes: Record<string, string> = {},
  options: { maxHeaderSize?: number } = {},
): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer({ maxHeaderSize: options.maxHeaderSize }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const routed = routes[url.pathname];
    let path = routed ?? normalize(join(base, decodeURIComponent(url.pathname)));
    if (routed) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers });
      createReadStream(path).pipe(res);
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
