/**
 * `npm start` (after the build) and `npm run preview`: serves the build on http://127.0.0.1:4173 as a
 * CDN would — its `_headers`, its precompressed files (serve.ts).
 * Usage: `tsx src/tools/serve.cli.ts [--dir dist] [--port 4173] [--host 127.0.0.1]`; a later
 * `--port` wins, so `npm run preview -- --port 4174` serves on 4174. Port 0 takes any free port.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveBuild } from './serve.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: expected a port number, got "${values.port}"`);
  process.exit(2);
}
if (!existsSync(join(values.dir, 'index.html'))) {
  console.error(`serve: ${values.dir}/ has no index.html: build first (npm run build)`);
  process.exit(1);
}

try {
  const server = await serveBuild(values.dir, { port, host: values.host });
  console.log(`Serving ${values.dir}/ at ${server.origin}/ (its _headers, brotli and gzip). Stop with Ctrl+C.`);
} catch (e) {
  const error = e as NodeJS.ErrnoException;
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is already in use, probably by another npm start: stop it (Ctrl+C in its terminal) and run this again.`
      : `serve: ${error.message}`,
  );
  process.exit(1);
}
