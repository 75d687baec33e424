// @vitest-environment node

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CountryFile, HTTP_SOURCES_IN_BRIEF } from '../../src/data/schema.ts';
import { CONTENT_DIR, DataError, formatProblem, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { citedInSteps, loggedAsUnknown } from '../fixtures/broken-data/cases.ts';
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

  it('links to https sources only, apart from the http-only addresses the brief gives', () => {
    const data = loadPolicyData();
    const urls = [
      ...data.countries.flatMap((c) => c.measures.flatMap((m) => m.sources)),
      ...(data.meta.incarceration?.sources ?? []),
    ].map((s) => s.url);
    const http = urls.filter((u) => !u.startsWith('https://'));
    expect(http.sort()).toEqual([...HTTP_SOURCES_IN_BRIEF].sort());
    for (const u of urls) expect(u).toMatch(/^https?:\/\/[^\s]+$/);
  });

  it('gives the app no $schema key', () => {
    const data = loadPolicyData();
    expect('$schema' in data.meta).toBe(false);
    for (const c of data.countries) expect('$schema' in c).toBe(false);
  });
});

describe('broken data is rejected with file, record, field and reason', () => {
  it('reports a missing English title', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      j.measures[0].title.en = '';
    });
    expect(problemsOf(dir)).toEqual([
      'measures/slv.json | sv-regimen-de-excepcion | title.en | must not be empty or only spaces; found ""',
    ]);
  });

  it('reports a date that is not at a known precision', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.announced.date = '28/07/2025';
    });
    expect(problemsOf(dir)).toEqual([
      'measures/chl.json | cl-plan-cancerbero | dates.announced.date | must be YYYY, YYYY-MM or YYYY-MM-DD; found "28/07/2025"',
    ]);
  });

  it('reports an impossible calendar date', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.announced.date = '2025-02-30';
    });
    expect(problemsOf(dir)).toEqual([
      'measures/chl.json | cl-plan-cancerbero | dates.announced.date | is not a real calendar date; found "2025-02-30"',
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
    // The field is the schema's to report; the type, one the story's dataset.json does not list, the cross-file check's.
    expect(problems[0]).toBe(
      'measures/gtm.json | gt-ley-antipandillas-decree-11-2025 | colour | is not a known field here (misspelt, or in the wrong place?)',
    );
    expect(problems[1]).toMatch(
      /^measures\/gtm.json \| gt-ley-antipandillas-decree-11-2025 \| type \| must be one of the types in .*dataset.json \(state-of-exception, .*\); found "curfew"$/,
    );
  });

  it('reports a duplicate id across files', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].id = 'sv-cecot'; // cl-plan-cancerbero: no policy link points at it
    });
    expect(printed(dir)).toEqual([
      ...loggedAsUnknown('cl-plan-cancerbero'),
      'measures/chl.json › record "sv-cecot" › id: is already used by a measure in measures/slv.json; ids must be unique',
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
      'measures/cri.json | cr-el-salvador-cooperation-escudo-americas | summary.es | must not be empty or only spaces; found ""',
      'measures/cri.json | cr-cacco | sources[0].url | must be an https:// URL; found "ftp://example.org/x"',
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

/** Every problem as the CLI prints it, with the temporary folder cut off the file name. */
function printed(dir: string): string[] {
  try {
    loadPolicyData(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    const prefix = `${relative(process.cwd(), dir)}/`;
    return (e as DataError).problems.map((p) => formatProblem(p).trim().replaceAll(prefix, ''));
  }
  throw new Error('expected the data to be rejected');
}

describe('issue 9: mistakes the check used to let through', () => {
  it('9: rejects an end date before the announcement when there is no start date', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.ended = { date: '2020', sources: [1] };
    });
    expect(printed(dir)).toEqual([
      'measures/chl.json › record "cl-plan-cancerbero" › dates.ended.date: ended (2020) is before announced (2025-07-28)',
    ]);
  });

  it('9: compares dates at the coarser precision (2025 is not before 2025-07-28)', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].dates.ended = { date: '2025', sources: [1] };
      j.measures[1].dates.started = { date: '2025-07', sources: [1] };
    });
    expect(() => loadPolicyData(dir)).not.toThrow();
  });

  it('10: reports a duplicate id against the file that repeats it, naming the first file', () => {
    const dir = contentWith('measures/gtm.json', (j) => {
      j.measures[0].id = 'sv-cecot';
    });
    expect(printed(dir)).toEqual([
      // The story's steps cite the renamed measure: said too, against dataset.json.
      ...citedInSteps('gt-ley-antipandillas-decree-11-2025'),
      'measures/gtm.json › record "sv-cecot" › id: is already used by a measure in measures/slv.json; ids must be unique',
    ]);
  });

  it('11: lists schema and cross-file problems of the same file together', () => {
    const dir = contentWith('measures/chl.json', (j) => {
      j.measures[1].title.es = '';
      j.measures[2].id = 'sv-cecot';
    });
    expect(printed(dir)).toEqual([
      'dataset.json › record "L16" › refs[0].measure: no measure has the id "cl-escudo-fronterizo-military-zone"',
      ...citedInSteps('cl-escudo-fronterizo-military-zone'),
      'measures/chl.json › record "cl-plan-cancerbero" › title.es: must not be empty or only spaces; found ""',
      'measures/chl.json › record "sv-cecot" › id: is already used by a measure in measures/slv.json; ids must be unique',
    ]);
  });

  it('12: gives line and column of a JSON syntax error and what was found there', () => {
    const dir = contentWith('measures/ecu.json', () => {});
    writeFileSync(join(dir, 'measures/ecu.json'), '{\n  "country": "ECU",\n  "measures": [],\n}\n');
    expect(printed(dir)).toEqual([
      'measures/ecu.json:4:1: is not valid JSON: expected a field name in double quotes after ",", found "}" (JSON allows no trailing comma)',
    ]);
  });

  it('12: says "Spanish text missing" / "English text missing" for a missing translation', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      delete j.measures[2].title.es;
      delete j.measures[2].summary.en;
    });
    expect(printed(dir)).toEqual([
      'measures/slv.json › record "sv-cecot" › title.es: Spanish text missing',
      'measures/slv.json › record "sv-cecot" › summary.en: English text missing',
    ]);
  });

  it('12: says what was expected and what was found for a wrong type or value', () => {
    const dir = contentWith('measures/slv.json', (j) => {
      j.measures[2].type = 'curfew';
      j.measures[2].figures[0].values[0].value = '2000';
    });
    expect(printed(dir)).toEqual([
      'measures/slv.json › record "sv-cecot" › figures[0].values[0].value: expected a number, found text "2000"',
      'measures/slv.json › record "sv-cecot" › type: must be one of the types in dataset.json (state-of-exception, mass-detention, max-security-prison, island-prison, prison-regime, military-deployment, anti-gang-law, international-cooperation); found "curfew"',
    ]);
  });

  it('13: rejects an http:// source URL', () => {
    const dir = contentWith('measures/cri.json', (j) => {
      j.measures[0].sources[0].url =
        'http://itvnoticias.com/2025/04/05/ministro-de-justicia-de-costa-rica-visita-el-cecot/';
    });
    expect(printed(dir)).toEqual([
      'measures/cri.json › record "cr-el-salvador-cooperation-escudo-americas" › sources[0].url: must be an https:// URL; found "http://itvnoticias.com/2025/04/05/ministro-de-justicia-de-costa-rica-visita-el-cecot/"',
    ]);
  });
});
