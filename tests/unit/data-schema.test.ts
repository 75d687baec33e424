// @vitest-environment node
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_DIR, DataError, loadPolicyData } from '../../src/data/load-dataset.ts';
import { CountryFile } from '../../src/data/schema.ts';
import { createCountry, createMeasure } from '../fixtures/create-data.ts';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the shipped content with one file changed by `edit`. */
function contentWith(file: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-data-'));
  dirs.push(dir);
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadPolicyData(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as DataError).problems.map(
      (p) => `${p.file.split('/').slice(-2).join('/')} | ${p.record} | ${p.path} | ${p.message}`,
    );
  }
  throw new Error('expected the data to be rejected');
}

describe('shipped data', () => {
  it('passes the schema and the cross-checks', () => {
    const data = loadPolicyData();
    expect(data.countries.map((c) => c.country)).toEqual(['GTM', 'SLV', 'HND', 'CRI', 'ECU', 'CHL']);
    expect(data.countries.flatMap((c) => c.measures)).toHaveLength(24);
    expect(data.meta.asOf).toBe('2026-03-13');
  });

  it('has coordinates only where the brief gives them (CECOT and the Swan Islands)', () => {
    const withCoords = loadPolicyData()
      .countries.flatMap((c) => c.measures)
      .filter((m) => m.location?.lat !== undefined)
      .map((m) => m.id);
    expect(withCoords.sort()).toEqual(['hn-islas-del-cisne-prison', 'sv-cecot']);
  });

  it('only links to https or http sources', () => {
    for (const m of loadPolicyData().countries.flatMap((c) => c.measures))
      for (const s of m.sources) expect(s.url).toMatch(/^https?:\/\/[^\s]+$/);
  });
});

describe('broken data is rejected with file, record, field and reason', () => {
  it('reports a missing English title', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      j.measures[0].title.en = '';
    });
    expect(problemsOf(dir)).toEqual(['measures/slv.json | sv-regimen-de-excepcion | title.en | must not be empty']);
  });

  it('reports a date that is not at a known precision', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.announced.date = '28/07/2025';
    });
    expect(problemsOf(dir)).toEqual([
      'measures/chl.json | cl-plan-cancerbero | dates.announced.date | must be YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('reports an impossible calendar date', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.announced.date = '2025-02-30';
    });
    expect(problemsOf(dir)).toEqual([
      'measures/chl.json | cl-plan-cancerbero | dates.announced.date | is not a real calendar date',
    ]);
  });

  it('reports a citation of a source the record does not list', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      j.measures[0].figures[0].values[0].sources = [99];
    });
    expect(problemsOf(dir)).toEqual([
      "measures/slv.json | sv-regimen-de-excepcion | figures[0].values[0].sources[0] | cites source 99, which is not in this measure's sources",
    ]);
  });

  it('reports a contested figure with only one version', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      j.measures[0].figures[0].contested = true;
    });
    expect(problemsOf(dir)).toEqual([
      'measures/slv.json | sv-regimen-de-excepcion | figures[0].values | a contested figure needs at least two values, each with its sources',
    ]);
  });

  it('reports an unknown measure type and an unknown field', () => {
    const dir = contentWith('measures/gtm.json', (j) => {
      j.measures[0].type = 'curfew';
      j.measures[0].colour = 'red';
    });
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^measures\/gtm.json \| gt-ley-antipandillas-decree-11-2025 \| type \| Invalid option: expected one of/,
    );
    expect(problems[1]).toMatch(
      /^measures\/gtm.json \| gt-ley-antipandillas-decree-11-2025 \| {2}\| Unrecognized key: "colour"$/,
    );
  });

  it('reports a duplicate id across files', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].id = 'sv-cecot'; // cl-plan-cancerbero: no policy link points at it
    });
    expect(problemsOf(dir)).toEqual([
      'measures/chl.json | sv-cecot | id | is used by another measure; ids must be unique',
    ]);
  });

  it('reports a policy link pointing at a measure that does not exist', () => {
    const dir = contentWith('dataset.json', (j) => {
      j.links[0].refs[0].measure = 'sv-nothing';
    });
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/\/dataset\.json \| L1 \| refs\[0\]\.measure \| no measure has the id "sv-nothing"$/);
  });

  it('reports invalid JSON with the parser message and no silent drop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-data-'));
    dirs.push(dir);
    cpSync(CONTENT_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'measures/ecu.json'), '{ "country": "ECU", ');
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^measures\/ecu.json \| null \| {2}\| is not valid JSON: /);
  });

  it('reports a missing country file', () => {
    const dir = contentWith('measures/hnd.json', () => {});
    rmSync(join(dir, 'measures/hnd.json'));
    expect(problemsOf(dir)).toEqual([
      'measures/hnd.json | null |  | is missing: every focus country needs a file (HND)',
    ]);
  });

  it('lists every problem, not just the first', () => {
    const dir = contentWith('measures/cri.json', (j) => {
      j.measures[0].summary.es = ' ';
      j.measures[1].sources[0].url = 'ftp://example.org/x';
      j.measures[2].location = { place: { en: 'x', es: 'x' }, lat: 9.9, sources: [1] };
    });
    expect(problemsOf(dir)).toEqual([
      'measures/cri.json | cr-el-salvador-cooperation-escudo-americas | summary.es | must not be empty',
      'measures/cri.json | cr-cacco | sources[0].url | must be a full http(s) URL',
      'measures/cri.json | cr-fernandez-state-of-exception-pledge | location.lat | give both lat and lon, or neither',
    ]);
  });
});

describe('CountryFile schema', () => {
  it('accepts a fixture built in code', () => {
    expect(CountryFile.safeParse(createCountry('SLV', [createMeasure()])).success).toBe(true);
  });

  it('rejects a start date before the announcement', () => {
    const m = createMeasure({
      dates: { announced: { date: '2022-03-26', sources: [1] }, started: { date: '2021', sources: [1] }, ended: null },
    });
    const r = CountryFile.safeParse(createCountry('SLV', [m]));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['measures.0.dates.started.date', 'started (2021) is before announced (2022-03-26)'],
    ]);
  });
});
