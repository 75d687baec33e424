/**
 * The static server of `npm start` and `npm run preview`, and of the browser tests: serves a build
 * as a CDN does, so what is tried locally is what readers get. It applies the build's own
 * `_headers` file (the file Netlify and Cloudflare Pages read: no rule is repeated here), answers
 * with the precompressed `.br` or `.gz` beside a file when the request accepts it (brotli first,
 * then gzip, else the file itself), with the file's own Content-Type, answers HEAD, and 304 to an
 * `If-None-Match` with the file's ETag. Paths outside the folder are refused; `_headers` itself is
 * not served (hosts do not serve it either).
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { HEADERS_FILE, type HeaderRule, headersFor, parseHeadersFile } from './deploy-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const contentType = (path: string): string => TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

export interface ServeOptions {
  /** Default 127.0.0.1: the machine only. */
  host?: string;
  /** Default 0: any free port (the server's `origin` says which). */
  port?: number;
  /** Apply the folder's `_headers` (default true; then a folder without one is an error). */
  headersFile?: boolean;
  /** Added to every response, over the `_headers` rules (a test's own Content-Security-Policy). */
  headers?: Record<string, string>;
  /** Extra files by URL path, served as they are ("/pym.v1.min.js" → a file in node_modules). */
  routes?: Record<string, string>;
  /** Node's request-line + header limit (16 KB by default). */
  maxHeaderSize?: number;
}

export interface StaticServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** The codings a request accepts, best first, among those the server has files for. */
export function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(coding, weight === undefined ? 1 : Number(weight));
  }
  const ok = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(ok);
}

type Found =
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' }
  | { kind: 'forbidden' };

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/** A file's stat, or null when there is no such file; any other failure is thrown, not hidden. */
async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/** The file a URL path names under `root` (a folder's index.html), or why there is none. */
async function locate(root: string, urlPath: string, search = ''): Promise<Found> {
  if (urlPath.includes('\0')) return { kind: 'forbidden' };
  const path = resolve(root, `.${urlPath}`);
  if (!isInside(root, path)) return { kind: 'forbidden' };
  if (path === join(root, HEADERS_FILE)) return { kind: 'missing' };
  const info = await statOrNull(path);
  if (!info) return { kind: 'missing' };
  // A link out of the folder is outside it too.
  if (!isInside(await realpath(root), await realpath(path))) return { kind: 'forbidden' };
  if (!info.isDirectory()) return { kind: 'file', path };
  // Relative URLs in the folder's page need the slash: `/sub` → `/sub/`, as static hosts do.
  if (!urlPath.endsWith('/')) return { kind: 'redirect', location: `${urlPath}/${search}` };
  return locate(root, `${urlPath}index.html`);
}

/** The file to send for `path`: its `.br` or `.gz` beside it if the request accepts one, else itself. */
async function variant(path: string, accept: string | undefined) {
  for (const coding of acceptedEncodings(accept)) {
    const file = `${path}.${coding === 'br' ? 'br' : 'gz'}`;
    const info = await statOrNull(file);
    if (info?.isFile()) return { file, size: info.size, mtimeMs: info.mtimeMs, coding };
  }
  const info = await stat(path);
  return { file: path, size: info.size, mtimeMs: info.mtimeMs, coding: undefined };
}

const hasVariants = async (path: string) =>
  (await Promise.all([`${path}.br`, `${path}.gz`].map(statOrNull))).some((info) => info?.isFile());

/** Whether an `If-None-Match` header lists `etag` (weak comparison, as for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Sends one file of the build: the chosen variant, its headers, 304 when the client has it. */
async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, headers: [string, string][]) {
  const chosen = await variant(path, req.headers['accept-encoding']);
  const etag = `W/"${chosen.size.toString(16)}-${Math.floor(chosen.mtimeMs).toString(16)}${chosen.coding ? `-${chosen.coding}` : ''}"`;
  for (const [name, value] of headers) res.setHeader(name, value);
  if (!res.hasHeader('vary') && (await hasVariants(path))) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', etag);
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304).end();
    return;
  }
  res.setHeader('Content-Type', contentType(path));
  res.setHeader('Content-Length', chosen.size);
  if (chosen.coding) res.setHeader('Content-Encoding', chosen.coding);
  res.writeHead(200);
  if (req.method === 'HEAD') res.end();
  else pipe(chosen.file, res);
}

/** Streams a file into the response; a read error ends the response and is logged, not hidden. */
function pipe(file: string, res: ServerResponse) {
  createReadStream(file)
    .on('error', (e) => {
      console.error(`serve: reading ${file} failed: ${e.message}`);
      res.destroy(e);
    })
    .pipe(res);
}

/** Reads the folder's `_headers`; without it the server would not serve what the CDN does. */
async function readRules(root: string): Promise<HeaderRule[]> {
  const file = join(root, HEADERS_FILE);
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new Error(`serve: ${file} is missing: build first (npm run build)`);
    throw e;
  });
  return parseHeadersFile(text);
}

interface Site {
  root: string;
  rules: HeaderRule[];
  options: ServeOptions;
}

/** One request: a route, a file of the build, a redirect, or why not. */
async function handle(site: Site, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const extra = Object.entries(site.options.headers ?? {});
  const routed = site.options.routes?.[url.pathname];
  if (routed) return sendFile(req, res, routed, extra);
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request: malformed percent-encoding');
    return;
  }
  const found = await locate(site.root, urlPath, url.search);
  if (found.kind === 'forbidden') res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden');
  else if (found.kind === 'missing') res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  else if (found.kind === 'redirect') res.writeHead(301, { Location: found.location }).end();
  else await sendFile(req, res, found.path, [...headersFor(site.rules, url.pathname), ...extra]);
}

/** Serves the folder `root` (a build) until `close()`. */
export async function serveBuild(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const base = resolve(root);
  const site: Site = { root: base, rules: options.headersFile === false ? [] : await readRules(base), options };
  const server: Server = createServer({ maxHeaderSize: options.maxHeaderSize }, (req, res) => {
    handle(site, req, res).catch((e: Error) => {
      console.error(`serve: ${req.method} ${req.url} failed: ${e.stack ?? e.message}`);
      if (res.headersSent) res.destroy(e);
      else res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        server.closeAllConnections();
      }),
  };
}
