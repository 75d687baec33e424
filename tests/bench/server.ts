/**
 * The benchmark's static server: the built app on 127.0.0.1, gzip-compressed like a real host
 * (text types at zlib level 6, as nginx/Apache/CDNs commonly serve them), with a static host's cache
 * headers (hashed files in an assets/ folder immutable, everything else revalidated; bench.ts clears the
 * browser cache before every navigation, so each one is a first visit), and a log of the bytes sent per request so the transfer
 * table counts what actually went over the wire. It also serves the bare MapLibre page
 * (baseline.html) at /bench-baseline.html, with the hashed MapLibre asset names filled in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg']);

export interface Sent {
  path: string;
  /** Body bytes on the wire (gzipped where the type is compressible). */
  bytes: number;
  raw: number;
}

export interface BenchServer {
  origin: string;
  /** Requests served since the last `reset()`. */
  log: Sent[];
  reset(): void;
  close(): Promise<void>;
}

/** The hashed MapLibre files of a build: main chunk, worker, CSS. */
export function maplibreAssets(dist: string) {
  const files = readdirSync(join(dist, 'assets'));
  const find = (re: RegExp) => {
    const f = files.find((name) => re.test(name));
    if (!f) throw new Error(`bench: no ${re} in ${dist}/assets`);
    return `assets/${f}`;
  };
  return {
    js: find(/^maplibre-gl-(?!worker)[\w-]+\.m?js$/),
    worker: find(/^maplibre-gl-worker-[\w-]+\.mjs$/),
    css: find(/^maplibre-gl-[\w-]+\.css$/),
  };
}

export async function serveBench(dist: string): Promise<BenchServer> {
  const base = resolve(dist);
  const cache = new Map<string, { raw: Buffer; gz: Buffer | null }>();
  // Filled in on first request, so the server also serves a build placed in a subfolder of `dist`.
  const baseline = () => {
    const assets = maplibreAssets(base);
    return readFileSync(join(import.meta.dirname, 'baseline.html'), 'utf8')
      .replaceAll('__MAPLIBRE_JS__', `./${assets.js}`)
      .replaceAll('__MAPLIBRE_WORKER__', `./${assets.worker}`)
      .replaceAll('__MAPLIBRE_CSS__', `./${assets.css}`);
  };
  const body = (path: string) => {
    let entry = cache.get(path);
    if (!entry) {
      const raw = path === '\0baseline' ? Buffer.from(baseline()) : readFileSync(path);
      const ext = path === '\0baseline' ? '.html' : extname(path);
      entry = { raw, gz: COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 6 }) : null };
      cache.set(path, entry);
    }
    return entry;
  };
  const log: Sent[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    if (url.pathname === '/bench-baseline.html') path = '\0baseline';
    else {
      path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!path.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
      if (!existsSync(path)) {
        res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
        return;
      }
    }
    const { raw, gz } = body(path);
    const gzip = gz !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const out = gzip && gz ? gz : raw;
    const type = path === '\0baseline' ? TYPES['.html'] : (TYPES[extname(path)] ?? 'application/octet-stream');
    res.writeHead(200, {
      'content-type': type as string,
      'content-length': out.length,
      // Hashed files are immutable wherever the build is deployed (a subfolder too).
      'cache-control': url.pathname.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    log.push({ path: url.pathname, bytes: out.length, raw: raw.length });
    res.end(req.method === 'HEAD' ? undefined : out);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    reset: () => {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
