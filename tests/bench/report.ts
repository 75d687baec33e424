/** The bench's table (printed to stdout) and its JSON (tests/.results/bench/). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS } from './config.ts';

export interface Row {
  measure: string;
  value: string;
  budget: string;
  pass: boolean | null;
}

/** The single build's rows, in the order they are measured. */
export const rows: Row[] = [];
export const row = (measure: string, value: string, budget = '', pass: boolean | null = null) =>
  rows.push({ measure, value, budget, pass });
export const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'PASS' : 'FAIL');

/** A markdown table, each column as wide as its widest cell. */
export function printTable(header: string[], body: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
}

/** Writes `<prefix>-<time>.json` and `<latest>` into tests/.results/bench/; returns the first. */
export function writeResults(prefix: string, latest: string, json: Record<string, unknown>) {
  mkdirSync(RESULTS, { recursive: true });
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const file = join(RESULTS, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  writeFileSync(join(RESULTS, latest), text);
  return file;
}
