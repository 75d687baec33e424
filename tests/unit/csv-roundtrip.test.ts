// @vitest-environment node
/**
 * Spreadsheet round trip (`npm run data:export` / `data:import`): the shipped data survives export
 * and import byte for byte, the CSV opens as UTF-8 in a spreadsheet, and a broken CSV gives a
 * problem naming file, row and column.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/tools/csv/export.ts';
import { CsvImportError, importCsv } from '../../src/tools/csv/import.ts';
import { readmeRows, TABLE_LIST } from '../../src/tools/csv/tables.ts';
import { CONTENT_DIR, DataError } from '../../src/tools/load-dataset.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'csv-roundtrip-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const contentFiles = () => [
  'story.json',
  'dataset.json',
  ...readdirSync(join(CONTENT_DIR, 'measures'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `measures/${f}`),
];

let csvDir: string;
beforeAll(() => {
  csvDir = temp();
  exportCsv(csvDir);
});

describe('export then import', () => {
  it('rebuilds every content file byte for byte, into a fresh folder and over existing files', () => {
    const fresh = temp();
    const result = importCsv(csvDir, fresh);
    expect(result.files.sort()).toEqual(contentFiles().sort());
    for (const f of contentFiles()) expect(readFileSync(join(fresh, f)), f).toEqual(readFileSync(join(CONTENT_DIR, f)));
    // Importing over the files it just wrote changes nothing either.
    importCsv(csvDir, fresh);
    for (const f of contentFiles()) expect(readFileSync(join(fresh, f)), f).toEqual(readFileSync(join(CONTENT_DIR, f)));
  });

  it('writes UTF-8 with a byte-order mark, CRLF line ends and a header row of the described columns', () => {
    const files = readdirSync(csvDir).sort();
    expect(files).toEqual(['README.csv', 'story.json', ...TABLE_LIST.map((t) => t.file)].sort());
    for (const t of TABLE_LIST) {
      const bytes = readFileSync(join(csvDir, t.file));
      expect([...bytes.subarray(0, 3)], t.file).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      // Every record ends with CRLF (line breaks inside quoted cells aside).
      expect(text.replace(/"[^"]*"/g, '')).toMatch(/\r\n$/);
      expect(text.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n/);
      const [header] = parse(text, { bom: true, to: 1 }) as string[][];
      expect(header, t.file).toEqual(t.columns.map((c) => c.name));
    }
    // Accents survive: a Spanish title reads back as written.
    const measures = parse(readFileSync(join(csvDir, 'measures.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(measures.some((m) => m.title_es?.includes('Régimen'))).toBe(true);
  });

  it('README.csv describes every column of every table', () => {
    const readme = parse(readFileSync(join(csvDir, 'README.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(readme).toHaveLength(readmeRows().length);
    for (const t of TABLE_LIST)
      for (const c of t.columns) {
        const row = readme.find((r) => r.table === t.file && r.column === c.name);
        expect(row?.description, `${t.file} ${c.name}`).toBeTruthy();
      }
  });
});

/** Exports, lets `edit` change one CSV's text, imports into a fresh folder and returns the problems. */
function problemsAfter(file: string, edit: (text: string) => string): string[] {
  const dir = temp();
  exportCsv(dir);
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const out = temp();
  try {
    importCsv(dir, out);
  } catch (e) {
    if (!(e instanceof CsvImportError)) throw e;
    expect(readdirSync(out), 'nothing is written when the import fails').toEqual([]);
    return e.problems;
  }
  throw new Error('the import did not fail');
}

/** The same, with `edit` given the file's bytes (another encoding, another separator). */
function problemsAfterBytes(file: string, edit: (text: string) => Buffer): string[] {
  return problemsAfter(file, (t) => edit(t) as unknown as string);
}

/** Spreadsheet row (header = row 1) of the first line that contains `needle`. */
function rowOf(text: string, needle: string): number {
  const records = parse(text, { bom: true }) as string[][];
  return records.findIndex((r) => r.join(',').includes(needle)) + 1;
}

describe('exporting a folder with a broken file (issue 21, defect 17)', () => {
  it('reports a JSON typo as the data check does (file:line:column), not as a parser stack trace', () => {
    const dir = temp();
    cpSync(CONTENT_DIR, dir, { recursive: true });
    const path = join(dir, 'dataset.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"asOf": "2026-03-13",', '"asOf": "2026-03-13",,'));
    let error: unknown;
    try {
      exportCsv(temp(), dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/dataset\.json:\d+:\d+: is not valid JSON/);
  });
});

describe('importing into a folder that cannot take every file (issue 21, defect 19)', () => {
  it('writes nothing, and names the file, when one target is a folder', () => {
    const csv = temp();
    exportCsv(csv);
    const path = join(csv, 'measures.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('CECOT mega-prison', 'CECOT mega-prison (edited)'));
    const target = temp();
    cpSync(CONTENT_DIR, target, { recursive: true });
    const before = readFileSync(join(target, 'measures', 'slv.json'), 'utf8');
    rmSync(join(target, 'measures', 'hnd.json'));
    mkdirSync(join(target, 'measures', 'hnd.json'));
    let error: unknown;
    try {
      importCsv(csv, target);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems).toEqual([
      `${join(target, 'measures', 'hnd.json')}: is a folder, where the file should be; nothing was written`,
    ]);
    // The edited measure was not written, and no temporary file is left.
    expect(readFileSync(join(target, 'measures', 'slv.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(target, 'measures')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a broken CSV', () => {
  const measuresCsv = () => {
    const d = temp();
    exportCsv(d);
    return readFileSync(join(d, 'measures.csv'), 'utf8');
  };

  it('names file, row and column of a value outside its list', () => {
    const row = rowOf(measuresCsv(), 'sv-regimen-de-excepcion');
    const problems = problemsAfter('measures.csv', (t) =>
      t.replace(/(sv-regimen-de-excepcion,SLV,SV-1,state-of-exception,[^\r]*?),in-force,/, '$1,in forse,'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^measures\\.csv row ${row}, column "status": must be one of .*"in-force".*; found "in forse"$`),
    );
  });

  it('refuses a prison capacity below zero, naming its cell (issue 21, defect 14)', () => {
    const problems = problemsAfter('figure_values.csv', (t) =>
      t.replace(/\r\nsv-cecot,1,40000,/, '\r\nsv-cecot,1,-40000,'),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^figure_values\.csv row \d+, column "value": a capacity must be more than 0 places; found -40000$/,
      ),
    ]);
  });

  it('names file, row and column of a bad date', () => {
    const problems = problemsAfter('timeline.csv', (t) =>
      t.replace(/\r\nsv-regimen-de-excepcion,2026-01-29,/, '\r\nsv-regimen-de-excepcion,2026-13-29,'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^timeline\.csv row \d+, column "date": is not a real calendar date; found "2026-13-29"$/),
    ]);
  });

  it('names a required column that is missing', () => {
    const problems = problemsAfter('sources.csv', (t) => t.replace(',publisher,', ',publisher_name,'));
    expect(problems).toContain('sources.csv row 1: required column "publisher" is missing (see README.csv)');
  });

  it('names an unknown measure id in a policy link', () => {
    const problems = problemsAfter('link_refs.csv', (t) =>
      t.replace('L1,sv-us-deportations-to-cecot,', 'L1,sv-no-such-measure,'),
    );
    expect(problems).toEqual(['link_refs.csv row 2, column "measure_id": no measure has the id "sv-no-such-measure"']);
  });

  it('names the row and column of a stray quote', () => {
    const problems = problemsAfter('concerns.csv', (t) => {
      const lines = t.split('\r\n');
      lines[2] = (lines[2] as string).replace(/,([^,"]+)$/, ',4"');
      return lines.join('\r\n');
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^concerns\.csv row 3, column "sources" \(line 3 of the file\): Invalid Opening Quote/);
  });

  // Issue 21, defects 13 and 18: what Excel's other "Save as" choices write.
  it('refuses a file saved as Windows-1252 (Excel’s plain CSV), naming the first row with a bad byte; nothing is written', () => {
    const text = measuresCsv().replace(/^\uFEFF/, '');
    // The first row with a character outside ASCII (Windows-1252 writes it as one byte UTF-8 refuses).
    const nonAscii = (cells: string[]) => [...cells.join('')].some((ch) => ch.charCodeAt(0) > 0x7f);
    const row = (parse(text) as string[][]).findIndex(nonAscii) + 1;
    expect(row).toBeGreaterThan(1);
    const problems = problemsAfterBytes('measures.csv', () => Buffer.from(text, 'latin1'));
    expect(problems).toEqual([
      `measures.csv is not UTF-8 text (row ${row} holds a character saved in another encoding, such as Windows-1252, which Excel's plain "CSV" writes): save it as "CSV UTF-8 (Comma delimited)" and import again`,
    ]);
  });

  it('names UTF-16 (Excel’s "Unicode Text") rather than a column of spaced-out letters', () => {
    const problems = problemsAfterBytes('types.csv', (t) => Buffer.from(t, 'utf16le'));
    expect(problems).toEqual([
      'types.csv is saved as UTF-16 ("Unicode Text"): save it as "CSV UTF-8 (Comma delimited)" and import again',
    ]);
  });

  it('names semicolons as the separator rather than a record length', () => {
    const problems = problemsAfter('statuses.csv', (t) => t.replaceAll(',', ';'));
    expect(problems).toEqual([
      'statuses.csv separates its cells with semicolons (a spreadsheet set to another language\'s list separator): save it as "CSV UTF-8 (Comma delimited)", with commas, and import again',
    ]);
  });

  it('says a row has a cell too many, without the hint about double quotes', () => {
    const problems = problemsAfter('statuses.csv', (t) => t.replace(/\r\nproposed,([^\r]*)/, '\r\nproposed,$1,extra'));
    expect(problems).toEqual(['statuses.csv row 2 (line 2 of the file): has 4 cells where the header has 3']);
  });

  it('says what a number cell should look like', () => {
    const problems = problemsAfter('figure_values.csv', (t) => t.replace('-2025,1,145,,', '-2025,1,"1,450",,'));
    expect(problems).toEqual([
      'figure_values.csv row 2, column "value": expected a number (digits, a dot for decimals, no thousands separator); got "1,450"',
    ]);
  });

  it('says what a yes/no cell should look like', () => {
    const problems = problemsAfter('links.csv', (t) =>
      t.replace('\r\nL1,transfer,USA,SLV,false,', '\r\nL1,transfer,USA,SLV,no,'),
    );
    expect(problems).toEqual(['links.csv row 2, column "mutual": expected true or false; got "no"']);
  });
});
