/**
 * Reads one CSV table of the spreadsheet round trip (csv-parse) into rows of cells by column name,
 * checking its header against the table's description; every problem names file, row and column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { Table } from './tables.ts';

export interface Loc {
  file: string;
  row: number;
  column: string;
}

export const where = (l: Loc) => `${l.file} row ${l.row}, column "${l.column}"`;

/** One data row: its spreadsheet row number and its cells by column name. */
export interface Row {
  file: string;
  row: number;
  cells: Record<string, string>;
}

export function readTable(dir: string, table: Table, problems: string[]): Row[] | undefined {
  const path = join(dir, table.file);
  if (!existsSync(path)) {
    problems.push(`${table.file}: file is missing from ${dir}`);
    return undefined;
  }
  let records: string[][];
  try {
    records = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const info = e as CsvError & { records?: number; index?: number; lines?: number };
    let header: string[] = [];
    try {
      header = (parse(readFileSync(path, 'utf8'), { bom: true, to: 1, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {}
    const column = typeof info.index === 'number' && header[info.index] ? `, column "${header[info.index]}"` : '';
    problems.push(
      `${table.file} row ${(info.records ?? 0) + 1}${column} (line ${info.lines ?? '?'} of the file): ${e.message}. ` +
        'A cell with a double quote must be in double quotes, with the quote doubled ("").',
    );
    return undefined;
  }
  const [header, ...data] = records;
  if (!header) {
    problems.push(`${table.file}: the file is empty (expected a header row)`);
    return undefined;
  }
  const names = table.columns.map((c) => c.name);
  let ok = true;
  for (const n of names)
    if (!header.includes(n)) {
      problems.push(`${table.file} row 1: required column "${n}" is missing (see README.csv)`);
      ok = false;
    }
  for (const [i, h] of header.entries()) {
    if (!names.includes(h)) {
      problems.push(
        `${table.file} row 1, column ${i + 1}: "${h}" is not a column of this table (expected ${names.join(', ')})`,
      );
      ok = false;
    } else if (header.indexOf(h) !== i) {
      problems.push(`${table.file} row 1: column "${h}" appears twice`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return data
    .map((r, i) => ({
      file: table.file,
      row: i + 2,
      cells: Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
}
