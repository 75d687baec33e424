/**
 * `npm test`: everything CI runs, in order — typecheck, lint, data check, unit tests, production
 * build, browser tests — continuing past a failure so one run reports everything. Each non-test
 * step counts as one check; test suites count their tests. The last line is the plain
 * "N passed, N failed" that CI reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '.results');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

let passed = 0;
let failed = 0;
const summary: string[] = [];

function run(name: string, command: string, args: string[]): boolean {
  const start = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '1' } });
  const ok = r.status === 0;
  summary.push(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(name: string, command: string, args: string[]): boolean {
  const ok = run(name, command, args);
  if (ok) passed++;
  else failed++;
  return ok;
}

function suite(name: string, args: string[]): void {
  const file = join(OUT, `${name}.json`);
  const ok = run(name, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (!existsSync(file)) {
    failed++; // the suite did not even report
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!ok && report.numFailedTests === 0) failed++; // e.g. a file that failed to load
  if (report.numTotalTests === 0) failed++; // a suite that ran no test is a failure
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['biome', 'check', '.']);
check('check-data', 'npx', ['tsx', 'src/tools/check-data.cli.ts']);
suite('unit', []);
if (check('build', 'npx', ['vite', 'build'])) suite('e2e', ['-c', 'tests/e2e/vitest.config.ts']);
else {
  failed++;
  summary.push('✗ e2e (skipped: no build)');
}

console.log(`\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
