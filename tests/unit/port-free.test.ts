// @vitest-environment node
/**
 * Issue 21: `npm start` while another is serving must stop before building, with one line saying
 * what to do — not overwrite dist/ and die with a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = (port: number) =>
  spawnSync('npx', ['tsx', 'src/tools/port-free.cli.ts', String(port)], { encoding: 'utf8', timeout: 30_000 });

let busy: Server;
let busyPort = 0;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe('npm start checks its port first', () => {
  it('runs the check before the build', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start.indexOf('port-free.cli.ts 4173')).toBeGreaterThanOrEqual(0);
    expect(start.indexOf('port-free.cli.ts')).toBeLessThan(start.indexOf('npm run build'));
  });

  it('a taken port: exit 1 and one line that says what to do, no stack trace', () => {
    const r = run(busyPort);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      `Port ${busyPort} is already in use, probably by another npm start: stop it (Ctrl+C in its terminal) and run npm start again. Nothing was built.`,
    ]);
  });

  it('a free port: exit 0, and the port is free again after', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(run(free).status).toBe(0);
    const again = createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen(free, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });
});
