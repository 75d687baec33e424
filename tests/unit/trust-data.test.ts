// @vitest-environment node
/**
 * Issue 20: what makes the data citable — its version, the methods note and corrections log that
 * travel with it, the licence, credit and version in every download, and the citation.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { citation, downloadCredits } from '../../src/data/citation.ts';
import { correctionsNewestFirst, correctionTargets } from '../../src/data/corrections.ts';
import { toCsv, toJson } from '../../src/data/export.ts';
import { formatDate } from '../../src/data/format.ts';
import { joinRecords, policyIndex, policyRecords } from '../../src/data/policy-index.ts';
import { tableRows } from '../../src/data/table-rows.ts';
import { exportCsv } from '../../src/tools/csv/export.ts';
import { importCsv } from '../../src/tools/csv/import.ts';
import { CONTENT_DIR, dataVersion, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { MEASURE_TYPES } from '../fixtures/story.ts';

const root = mkdtempSync(join(tmpdir(), 'trust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let copies = 0;
const copy = () => {
  const dir = join(root, String(copies++));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
};
const edit = (path: string, change: (text: string) => string) =>
  writeFileSync(path, change(readFileSync(path, 'utf8')));

const data = loadPolicyData();

describe('the data version', () => {
  it('is 8 hex digits, the same for the same files wherever they are, and the one the loader reports', () => {
    expect(data.version).toMatch(/^[0-9a-f]{8}$/);
    expect(dataVersion(CONTENT_DIR)).toBe(data.version);
    const dir = copy();
    expect(dataVersion(dir)).toBe(data.version);
    expect(loadPolicyData(dir).version).toBe(data.version);
  });

  it('does not change with line ends or a byte-order mark (a checkout setting, not the data)', () => {
    const dir = copy();
    edit(join(dir, 'dataset.json'), (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
    edit(join(dir, 'measures', 'slv.json'), (t) => t.replace(/\n/g, '\r\n'));
    expect(dataVersion(dir)).toBe(data.version);
  });

  it.each([
    ['story.json', (t: string) => t.replace('"Central America, enlarged"', '"Central America, magnified"')],
    ['dataset.json', (t: string) => t.replace('"asOf": "2026-03-13"', '"asOf": "2026-03-14"')],
    ['measures/hnd.json', (t: string) => t.replace('"value": 2000', '"value": 2001')],
    ['measures/ecu.json', (t: string) => t.replace('"summary": {', '"summary":  {')],
    ['boundaries.topo.json', (t: string) => t.replace('"arcs"', ' "arcs"')],
  ])('changes when %s changes', (file, change) => {
    const dir = copy();
    const before = readFileSync(join(dir, file), 'utf8');
    const after = change(before);
    expect(after, `the test's edit must change ${file}`).not.toBe(before);
    writeFileSync(join(dir, file), after);
    expect(dataVersion(dir)).not.toBe(data.version);
    writeFileSync(join(dir, file), before);
    expect(dataVersion(dir)).toBe(data.version);
  });

  it('changes when a country file is added or removed', () => {
    const dir = copy();
    writeFileSync(join(dir, 'measures', 'zzz.json'), '{}');
    expect(dataVersion(dir)).not.toBe(data.version);
    rmSync(join(dir, 'measures', 'zzz.json'));
    rmSync(join(dir, 'measures', 'chl.json'));
    expect(dataVersion(dir)).not.toBe(data.version);
  });

  it("travels with the records: the app refuses another version's records file", () => {
    const index = policyIndex(data);
    expect(index.version).toBe(data.version);
    expect(joinRecords(index, JSON.parse(JSON.stringify(policyRecords(data)))).version).toBe(data.version);
    const stale = { ...policyRecords(data), version: '00000000' };
    expect(() => joinRecords(index, stale)).toThrow(/data version 00000000/);
  });
});

describe('the methods note and the corrections log', () => {
  it('the methods note and the log are in the records file, not in the first screen’s index', () => {
    expect(data.meta.methods.length).toBeGreaterThanOrEqual(5);
    const index = JSON.stringify(policyIndex(data));
    expect(index).not.toContain(data.meta.methods[0]?.text.en.slice(0, 60));
    expect(index).not.toContain(data.meta.corrections[0]?.text.en.slice(0, 60));
    expect(policyRecords(data).methods).toEqual(data.meta.methods);
    expect(policyRecords(data).corrections).toEqual(data.meta.corrections);
  });

  it('the log is shown newest first, and each entry names what it touched', () => {
    const log = correctionsNewestFirst(data);
    expect(log.length).toBe(data.meta.corrections.length);
    expect(log.length).toBeGreaterThan(0);
    for (let i = 1; i < log.length; i++) expect((log[i - 1]?.date ?? '') >= (log[i]?.date ?? '')).toBe(true);
    for (const c of log) expect(correctionTargets(data, c, 'en')).not.toMatch(/^$|undefined/);
  });

  it('travels in the CSV round trip: methods.csv and corrections.csv, rebuilt byte for byte', () => {
    const out = join(root, 'csv');
    const result = exportCsv(out);
    expect(result.rows['methods.csv']).toBe(data.meta.methods.length);
    expect(result.rows['corrections.csv']).toBe(data.meta.corrections.length);
    const dataset = parse(readFileSync(join(out, 'dataset.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(dataset.find((r) => r.field === 'licence')?.value).toBe(data.meta.licence.name);
    const dir = join(root, 'rebuilt');
    importCsv(out, dir);
    for (const f of ['dataset.json', ...readdirSync(join(CONTENT_DIR, 'measures')).map((m) => `measures/${m}`)])
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(CONTENT_DIR, f), 'utf8'));
  });
});

describe('every download states its licence, credit and version', () => {
  const credits = downloadCredits(data, 'en');

  it('the JSON: title, "as of", version, licence, credit and the whole log, newest first, beside the rows', () => {
    const rows = tableRows(data, MEASURE_TYPES, 'en');
    const json = JSON.parse(toJson(rows, credits));
    expect(json).toMatchObject({
      title: data.meta.title.en,
      asOf: data.meta.asOf,
      version: data.version,
      licence: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      credit: data.meta.credit.en,
    });
    expect(json.corrections.map((c: { date: string }) => c.date)).toEqual(
      correctionsNewestFirst(data).map((c) => c.date),
    );
    expect(json.measures).toHaveLength(rows.length);
  });

  it('the CSV: every row carries them, and a corrected measure’s row its log entries', async () => {
    const rows = tableRows(data, MEASURE_TYPES, 'es');
    const csv = parse(await toCsv(rows, 'es', downloadCredits(data, 'es')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(csv).toHaveLength(rows.length);
    for (const row of csv) {
      expect(row['Versión de los datos']).toBe(data.version);
      expect(row['Datos al']).toBe(data.meta.asOf);
      expect(row.Licencia).toBe('CC BY 4.0 https://creativecommons.org/licenses/by/4.0/');
      expect(row.Atribución).toBe(data.meta.credit.es);
    }
    const corrected = data.meta.corrections.flatMap((c) => c.ids).find((id) => rows.some((r) => r.id === id));
    if (!corrected) throw new Error('the shipped log corrects no measure: this test needs one');
    const row = csv[rows.findIndex((r) => r.id === corrected)];
    const entry = data.meta.corrections.find((c) => c.ids.includes(corrected));
    expect(row?.['Correcciones y actualizaciones']).toContain(entry?.text.es);
    expect(row?.['Correcciones y actualizaciones']).toContain(formatDate(entry?.date ?? null, 'es'));
  });
});

describe('cite this', () => {
  it('holds the title, the "as of" date, the version, the credit, the licence, the URL and the day, in each language', () => {
    const url = 'https://example.org/map/?country=SLV&lang=es';
    const day = new Date(2026, 11, 5, 23, 30);
    const en = citation(data, 'en', url, day);
    expect(en).toContain(data.meta.title.en);
    expect(en).toContain('facts as of 13 March 2026');
    expect(en).toContain(`data version ${data.version}`);
    expect(en).toContain('Data licence: CC BY 4.0');
    expect(en).toContain(data.meta.credit.en);
    expect(en).toContain(url);
    expect(en).toContain('retrieved 5 December 2026');
    const es = citation(data, 'es', url, day);
    expect(es).toContain('datos al 13 de marzo de 2026');
    expect(es).toContain(`versión de los datos ${data.version}`);
    expect(es).toContain('consultado el 5 de diciembre de 2026');
  });
});

describe('the README prints the methods note', () => {
  it('has every section’s heading and text, as in the data (English)', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    for (const m of data.meta.methods) {
      // Booleans, so a failure names the missing text rather than printing the whole README.
      expect(readme.includes(`### ${m.heading.en}`), `README: heading "${m.heading.en}"`).toBe(true);
      for (const paragraph of m.text.en.split(/\n\s*\n/))
        expect(readme.includes(paragraph.replace(/\s+/g, ' ')), `README: ${paragraph.slice(0, 80)}…`).toBe(true);
    }
  });
});
