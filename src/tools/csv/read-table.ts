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

const SAVE_AS = 'save it as "CSV UTF-8 (Comma delimited)"';

/**
 * The file's text when it is UTF-8 with commas between cells; otherwise a problem that names what
 * the spreadsheet wrote instead (UTF-16, another encoding, semicolons) and how to save it.
 */
function decode(file: string, bytes: Buffer): { text: string } | { problem: string } {
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // Without its byte-order mark, UTF-16 text is every other byte zero.
  const zeros = bytes.subarray(0, 200).filter((b) => b === 0).length;
  if (utf16Bom || zeros > 20)
    return { problem: `${file} is saved as UTF-16 ("Unicode Text"): ${SAVE_AS} and import again` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const before = lossy.slice(0, lossy.indexOf('\uFFFD'));
    let row: number;
    try {
      row = (parse(before, { bom: true, relax_quotes: true, relax_column_count: true }) as string[][]).length;
    } catch {
      row = before.split('\n').length;
    }
    return {
      problem: `${file} is not UTF-8 text (row ${row} holds a character saved in another encoding, such as Windows-1252, which Excel's plain "CSV" writes): ${SAVE_AS} and import again`,
    };
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',') && firstLine.includes(';'))
    return {
      problem: `${file} separates its cells with semicolons (a spreadsheet set to another language's list separator): ${SAVE_AS}, with commas, and import again`,
    };
  return { text };
}

/** A CSV syntax error in an editor's words: file, row (and column when known), line, and what is wrong. */
function parseProblem(table: Table, text: string, e: CsvError): string {
  const info = e as CsvError & { records?: number; index?: number; lines?: number; record?: string[] };
  const where = `${table.file} row ${(info.records ?? 0) + 1}`;
  const line = `(line ${info.lines ?? '?'} of the file)`;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    let width = 0;
    try {
      width = (parse(text, { bom: true, to: 1, relax_quotes: true }) as string[][])[0]?.length ?? 0;
    } catch {}
    return `${where} ${line}: has ${info.record?.length ?? '?'} cells where the header has ${width}`;
  }
  let header: string[] = [];
  try {
    header = (parse(text, { bom: true, to: 1, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {}
  const column = typeof info.index === 'number' && header[info.index] ? `, column "${header[info.index]}"` : '';
  // The hint is about quotes: only for errors about quotes.
  const hint = /QUOTE/.test(e.code)
    ? ' A cell with a double quote must be in double quotes, with the quote doubled ("").'
    : '';
  return `${where}${column} ${line}: ${e.message}.${hint}`;
}

/** Checks a header row against the table's columns: each one present, once, and no other. */
function headerOk(table: Table, header: string[], problems: string[]): boolean {
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
  return ok;
}

/** The file's records (header first), or undefined with its problem in `problems`. */
function readRecords(dir: string, table: Table, problems: string[]): string[][] | undefined {
  const path = join(dir, table.file);
  if (!existsSync(path)) {
    problems.push(`${table.file}: file is missing from ${dir}`);
    return undefined;
  }
  const decoded = decode(table.file, readFileSync(path));
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return undefined;
  }
  const { text } = decoded;
  try {
    return parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    problems.push(parseProblem(table, text, e));
    return undefined;
  }
}

export function readTable(dir: string, table: Table, problems: string[]): Row[] | undefined {
  const records = readRecords(dir, table, problems);
  if (!records) return undefined;
  const [header, ...data] = records;
  if (!header) {
    problems.push(`${table.file}: the file is empty (expected a header row)`);
    return undefined;
  }
  if (!headerOk(table, header, problems)) return undefined;
  return data
    .map((r, i) => ({
      file: table.file,
      row: i + 2,
      cells: Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
}
