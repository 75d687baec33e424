// @vitest-environment node
/**
 * `npm start`'s server (src/tools/serve.ts) serves a build as a CDN does: the build's own `_headers`
 * rules, the precompressed `.br`/`.gz` for a request that accepts them (brotli first) with
 * `Content-Encoding` and the file's own type, HEAD, 304 for a matching ETag; nothing outside the
 * folder, and not `_headers` itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS_FILE, IMMUTABLE, SHORT_LIVED } from '../../src/tools/deploy-headers.ts';
import { acceptedEncodings, type StaticServer, serveBuild } from '../../src/tools/serve.ts';
import { headersFileFor } from '../../src/tools/vite/headers-file.ts';
import { precompressDir } from '../../src/tools/vite/precompress.ts';

const scratch = mkdtempSync(join(tmpdir(), 'policy-serve-'));
const dist = join(scratch, 'dist');
const SCRIPT = `export const rows = [${Array.from({ length: 300 }, (_, i) => `{ id: ${i} }`).join(', ')}];`;
const INDEX = '<!doctype html><html><head><script>window.__boot = 1;</script></head><body>map</body></html>';

const write = (file: string, body: string | Buffer) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
};

let server: StaticServer;
beforeAll(async () => {
  write(join(dist, 'index.html'), INDEX);
  write(join(dist, 'assets/index-Ab12Cd34.js'), SCRIPT);
  write(join(dist, 'social-card.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  write(join(dist, 'sub/index.html'), '<p>sub</p>');
  write(join(scratch, 'secret.txt'), 'outside the build');
  symlinkSync(join(scratch, 'secret.txt'), join(dist, 'link.txt'));
  await precompressDir(dist);
  write(join(dist, HEADERS_FILE), headersFileFor(dist));
  server = await serveBuild(dist);
});
afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request (Node's fetch would decode the body), the path sent exactly as written. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET', origin = server.origin) {
  return new Promise<Answer>((ok, fail) => {
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const file = (path: string) => readFileSync(join(dist, path));

describe('content negotiation', () => {
  it('answers Accept-Encoding: br with the .br file and Content-Encoding: br, in the file’s own type', async () => {
    const r = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.equals(file('assets/index-Ab12Cd34.js.br'))).toBe(true);
    expect(brotliDecompressSync(r.body).toString()).toBe(SCRIPT);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
  });

  it('answers gzip with the .gz file, and identity with the file itself', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.equals(file('assets/index-Ab12Cd34.js.gz'))).toBe(true);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const r = await get('/assets/index-Ab12Cd34.js', accept ? { 'accept-encoding': accept } : {});
      expect(r.headers['content-encoding'], accept).toBeUndefined();
      expect(r.body.toString(), accept).toBe(SCRIPT);
    }
  });

  it('reads q-values and wildcards: brotli first, then gzip', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('*;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });

  it('sends a file that has no variants as it is (an image)', async () => {
    const r = await get('/social-card.png', { 'accept-encoding': 'br' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.body.equals(file('social-card.png'))).toBe(true);
  });
});

describe('the headers of _headers', () => {
  it('applies the build’s rules: immutable assets, a short-lived page with its CSP, nosniff', async () => {
    const asset = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    expect(asset.headers.vary).toBe('Accept-Encoding');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe(SHORT_LIVED);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
    expect((await get('/social-card.png')).headers['cache-control']).toBe(SHORT_LIVED);
  });

  it('refuses to start on a folder without _headers', async () => {
    const bare = join(scratch, 'bare');
    write(join(bare, 'index.html'), INDEX);
    await expect(serveBuild(bare)).rejects.toThrow(/_headers is missing: build first/);
  });

  it('for the browser tests: no rules unless asked, their own headers over them, extra routes', async () => {
    const extra = join(scratch, 'extra.js');
    write(extra, 'pym();');
    const test = await serveBuild(dist, {
      headersFile: false,
      headers: { 'Content-Security-Policy': "default-src 'none'" },
      routes: { '/pym.js': extra },
    });
    try {
      const page = await get('/', {}, 'GET', test.origin);
      expect(page.headers['cache-control']).toBeUndefined();
      expect(page.headers['content-security-policy']).toBe("default-src 'none'");
      const routed = await get('/pym.js', {}, 'GET', test.origin);
      expect(routed.body.toString()).toBe('pym();');
      expect(routed.headers['content-security-policy']).toBe("default-src 'none'");
    } finally {
      await test.close();
    }
  });
});

describe('HEAD, ETag and refusals', () => {
  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(file('assets/index-Ab12Cd34.js.br').length);
    expect(head.headers['content-encoding']).toBe('br');
  });

  it('answers 304 to If-None-Match with the ETag, per encoding', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe(SHORT_LIVED);
    expect((await get('/', { 'if-none-match': etag })).status).toBe(200); // another representation
  });

  it('404s a missing file and _headers itself', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get(`/${HEADERS_FILE}`)).status).toBe(404);
  });

  it('never serves what is outside the folder: .. encoded or not, or a link out of it', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/../secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await get(path);
      expect([403, 404], path).toContain(r.status);
      expect(r.body.toString(), path).not.toContain('outside the build');
    }
    expect((await get('/..%2fsecret.txt')).status).toBe(403);
    expect((await get('/link.txt')).status).toBe(403);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('serves a folder’s index.html, adding the slash its relative URLs need; only GET and HEAD', async () => {
    expect((await get('/sub/')).body.toString()).toBe('<p>sub</p>');
    const redirect = await get('/sub?lang=es');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/sub/?lang=es');
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });
});

describe('npm start', () => {
  it('serves the build with this server, after checking the port and building', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toMatch(
      /port-free\.cli\.ts 4173 && npm run build && tsx src\/tools\/serve\.cli\.ts --port 4173$/,
    );
    expect(scripts.preview).toBe('tsx src/tools/serve.cli.ts --port 4173');
  });

  it('stops with one line when its port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = spawnSync('npx', ['tsx', 'src/tools/serve.cli.ts', '--dir', dist, '--port', String(port)], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        `Port ${port} is already in use, probably by another npm start: stop it (Ctrl+C in its terminal) and run this again.`,
      ]);
    } finally {
      await new Promise<void>((ok) => busy.close(() => ok()));
    }
  });
});
