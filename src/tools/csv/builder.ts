/**
 * Turns spreadsheet cells into JSON values (text, numbers, booleans, lists, per-language text),
 * remembering which cell each value came from so the checker's problems can be read back to it.
 */
import type { Loc, Row } from './read-table.ts';
import { LANGS, LIST_SEPARATOR } from './tables.ts';

export type Json = Record<string, unknown>;

/** Builds the JSON from the rows, remembering where every value came from. */
export class Builder {
  readonly problems: { loc: Loc; message: string }[] = [];
  /** `file|path` → cell, for reading the checker's problems back to the spreadsheet. */
  readonly origins = new Map<string, Loc>();
  /** `file|record id` → path of the record, e.g. "measures[3]". */
  readonly records = new Map<string, string>();

  at(file: string, path: string, r: Row, column: string): void {
    const key = `${file}|${path}`;
    if (!this.origins.has(key)) this.origins.set(key, { file: r.file, row: r.row, column });
  }

  record(file: string, id: string, path: string): void {
    const key = `${file}|${id}`;
    if (!this.records.has(key)) this.records.set(key, path);
  }

  problem(r: Row, column: string, message: string): void {
    this.problems.push({ loc: { file: r.file, row: r.row, column }, message });
  }

  /** Text cell: undefined when empty. */
  str(file: string, path: string, r: Row, column: string): string | undefined {
    this.at(file, path, r, column);
    const v = r.cells[column] ?? '';
    return v === '' ? undefined : v;
  }

  num(file: string, path: string, r: Row, column: string): number | string | undefined {
    const v = this.str(file, path, r, column);
    if (v === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim())) {
      this.problem(r, column, `expected a number (digits, a dot for decimals, no thousands separator); got "${v}"`);
      return v;
    }
    return Number(v);
  }

  bool(file: string, path: string, r: Row, column: string): boolean | string | undefined {
    const v = this.str(file, path, r, column);
    if (v === undefined) return undefined;
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === 'false') return t === 'true';
    this.problem(r, column, `expected true or false; got "${v}"`);
    return v;
  }

  list(file: string, path: string, r: Row, column: string): string[] {
    this.at(file, path, r, column);
    const v = (r.cells[column] ?? '').trim();
    const items = v === '' ? [] : v.split(LIST_SEPARATOR).map((s) => s.trim());
    items.forEach((_, i) => {
      this.at(file, `${path}[${i}]`, r, column);
    });
    return items;
  }

  ints(file: string, path: string, r: Row, column: string): (number | string)[] {
    const items = this.list(file, path, r, column);
    if (items.some((s) => !/^\d+$/.test(s))) {
      this.problem(
        r,
        column,
        `expected whole numbers separated by "${LIST_SEPARATOR}", e.g. 1; 4; 5; got "${r.cells[column]}"`,
      );
      return items;
    }
    return items.map(Number);
  }

  /** `<name>_en`, `<name>_es` → `{ en, es }`; undefined when every language is empty. */
  text(file: string, path: string, r: Row, name: string): Json | undefined {
    this.at(file, path, r, `${name}_${LANGS[0]}`);
    const t: Json = {};
    for (const l of LANGS) {
      const v = this.str(file, `${path}.${l}`, r, `${name}_${l}`);
      if (v !== undefined) t[l] = v;
    }
    return Object.keys(t).length > 0 ? t : undefined;
  }

  /** True when every named cell of the row is empty. */
  empty(r: Row, columns: string[]): boolean {
    return columns.every((c) => (r.cells[c] ?? '') === '');
  }
}
