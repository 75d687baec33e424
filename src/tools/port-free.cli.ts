/**
 * `npm start` runs this first: it stops before the build when the preview port is already taken
 * (another `npm start` still serving), so a second start neither overwrites the `dist/` the first
 * one serves nor dies with a stack trace. Usage: `tsx src/tools/port-free.cli.ts <port> [host]`.
 */
import { createServer } from 'node:net';

const port = Number(process.argv[2]);
const host = process.argv[3] ?? '127.0.0.1';
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`port-free: expected a port number, got "${process.argv[2] ?? ''}"`);
  process.exit(2);
}

const server = createServer();
server.once('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EADDRINUSE')
    console.error(
      `Port ${port} is already in use, probably by another npm start: stop it (Ctrl+C in its terminal) and run npm start again. Nothing was built.`,
    );
  else console.error(`Cannot check port ${port} on ${host}: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => server.close(() => process.exit(0)));
