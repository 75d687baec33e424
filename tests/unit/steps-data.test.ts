// @vitest-environment node
/**
 * Issue 18, section 1: the story's steps are data (dataset.json `steps`). The data check refuses a
 * broken step naming dataset.json, the step's id and the field; the shipped steps pass, are in date
 * order and cite sources that resolve to a URL; the spreadsheet round trip keeps them byte for byte;
 * `npm run story:new` starts a story with none.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { newStory } from '../../geo/new-story.ts';
import { linkSources } from '../../src/data/links.ts';
import type { PolicyData } from '../../src/data/policy-data.ts';
import { Dataset, SourceUrl, type Step, type StepCite } from '../../src/data/schema.ts';
import { dateRange } from '../../src/data/timeline.ts';
import { exportCsv } from '../../src/tools/csv/export.ts';
import { CsvImportError, importCsv } from '../../src/tools/csv/import.ts';
import { CONTENT_DIR, DataError, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { applyCase, printedProblems } from '../fixtures/broken-data/apply.ts';
import type { BrokenCase } from '../fixtures/broken-data/cases.ts';
import { STEP_CASES } from '../fixtures/broken-data/step-cases.ts';

const CARIBBEAN = join(CONTENT_DIR, '..', '..', '..', 'tests', 'fixtures', 'stories', 'caribbean');

const root = mkdtempSync(join(tmpdir(), 'steps-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const temp = () => {
  const dir = join(root, String(dirs++));
  return dir;
};
/** A copy of `from` with the case's changes applied, in a folder of its own. */
const build = (c: BrokenCase, from?: string) => applyCase(c, temp(), from);

describe('the data check refuses a broken step, naming dataset.json, the step and the field', () => {
  it.each(STEP_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(printedProblems(build(c))).toEqual(c.expected);
  });

  it('accepts a story without steps, whether the list is omitted or empty', () => {
    for (const steps of [undefined, []])
      expect(
        printedProblems(
          build({
            name: 'no steps',
            files: {
              'dataset.json': (j) => {
                j.steps = steps;
              },
            },
            expected: [],
          }),
        ),
      ).toEqual([]);
  });
});

/** The source a cite names, numbered as the record's panel numbers it (measure-article.tsx, link-details.tsx). */
function resolve(data: PolicyData, cite: StepCite) {
  if (cite.link !== undefined) {
    const link = data.meta.links.find((l) => l.id === cite.link);
    return link ? linkSources(data, link).filter((s) => s.source.n === cite.source) : [];
  }
  const measure = data.countries.flatMap((c) => c.measures).find((m) => m.id === cite.measure);
  return measure ? measure.sources.filter((s) => s.n === cite.source).map((source) => ({ measure, source })) : [];
}

describe('the shipped steps', () => {
  const data = loadPolicyData();
  const steps = data.meta.steps ?? [];
  const cites = (s: Step) => s.text.flatMap((sentence) => sentence.cites);
  const cited = (s: Step, prefix: string) => cites(s).some((c) => (c.measure ?? c.link ?? '').startsWith(prefix));

  it('are at least six, with distinct ids, oldest first, within the months a reader can reach', () => {
    expect(steps.length).toBeGreaterThanOrEqual(6);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    const months = steps.map((s) => s.month);
    expect(months).toEqual([...months].sort());
    const range = dateRange(data);
    for (const m of months) expect(m >= range.first && m <= range.last, m).toBe(true);
  });

  it('every sentence, in English and Spanish, cites at least one source, and every cite resolves to one source with an address', () => {
    for (const s of steps) {
      expect(s.title.en && s.title.es, s.id).toBeTruthy();
      for (const sentence of s.text) {
        expect(sentence.en && sentence.es, s.id).toBeTruthy();
        expect(sentence.cites.length, `${s.id}: ${sentence.en}`).toBeGreaterThan(0);
        for (const cite of sentence.cites) {
          const found = resolve(data, cite);
          expect(found, `${s.id}: ${JSON.stringify(cite)}`).toHaveLength(1);
          expect(SourceUrl.safeParse(found[0]?.source.url).success).toBe(true);
        }
      }
    }
  });

  it('cover the issue’s topics in order, the last at the "as of" month', () => {
    const at = (month: string) => steps.find((s) => s.month === month);
    expect(at('2022-03')?.country).toBe('SLV'); // El Salvador's state of exception
    expect(steps.some((s) => s.month.startsWith('2023') && cited(s, 'sv-cecot'))).toBe(true); // CECOT opens
    expect(steps.some((s) => s.country === 'HND')).toBe(true);
    expect(at('2024-01')?.country).toBe('ECU'); // internal armed conflict
    expect(steps.some((s) => s.month.startsWith('2025') && s.links?.includes('L1'))).toBe(true); // US deportations
    expect(steps.some((s) => cited(s, 'cr-cacco'))).toBe(true);
    expect(at('2025-10')?.country).toBe('GTM');
    expect(at('2026-01')?.links).toContain('L3'); // Chile's president-elect at CECOT
    expect(steps.at(-1)?.month).toBe(dateRange(data).last);
    expect(steps.at(-1)?.country).toBeUndefined(); // where things stand: the panel closes
  });

  it('the Caribbean test story has 3 or 4 steps of its own, and passes the check', () => {
    const caribbean = loadPolicyData(CARIBBEAN);
    const own = caribbean.meta.steps ?? [];
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.length).toBeLessThanOrEqual(4);
    for (const s of own) for (const c of cites(s)) expect(resolve(caribbean, c), `${s.id}`).toHaveLength(1);
  });

  it('the schema takes steps as optional', () => {
    const { steps: _, ...rest } = JSON.parse(readFileSync(join(CONTENT_DIR, 'dataset.json'), 'utf8'));
    expect(Dataset.safeParse(rest).success).toBe(true);
  });
});

/** A CSV table as rows of cells by column name. */
const table = (dir: string, file: string) =>
  parse(readFileSync(join(dir, file)), { bom: true, columns: true }) as Record<string, string>[];

/** Exports the shipped data, lets `edit` change one table, imports into a copy and returns the problems. */
function importProblems(file: string, edit: (rows: string) => string): string[] {
  const csv = temp();
  exportCsv(csv);
  writeFileSync(join(csv, file), edit(readFileSync(join(csv, file), 'utf8')));
  const out = temp();
  cpSync(CONTENT_DIR, out, { recursive: true });
  try {
    importCsv(csv, out);
  } catch (e) {
    if (!(e instanceof CsvImportError)) throw e;
    return e.problems;
  }
  throw new Error('the import did not fail');
}

describe('the spreadsheet round trip', () => {
  it('writes steps.csv and step_text.csv, cites as measure:<id>#<n> and link:<id>#<n>', () => {
    const csv = temp();
    exportCsv(csv);
    const data = loadPolicyData();
    const steps = table(csv, 'steps.csv');
    expect(steps.map((r) => r.id)).toEqual((data.meta.steps ?? []).map((s) => s.id));
    const first = data.meta.steps?.[0];
    expect(steps[0]).toMatchObject({ month: first?.month, country: first?.country, types: first?.types?.join('; ') });
    const text = table(csv, 'step_text.csv');
    expect(text).toHaveLength((data.meta.steps ?? []).reduce((n, s) => n + s.text.length, 0));
    expect(text[0]).toMatchObject({ step_id: first?.id, position: '1', text_en: first?.text[0]?.en });
    expect(text.map((r) => r.cites).join('; ')).toMatch(/measure:sv-cecot#1; measure:sv-cecot#2/);
    expect(text.map((r) => r.cites).join('; ')).toMatch(/link:L3#1/);
  });

  it('rebuilds dataset.json byte for byte, also with the sentences of a step sorted out of order', () => {
    const csv = temp();
    exportCsv(csv);
    // A spreadsheet sorted by some other column: positions put the sentences back in order.
    const path = join(csv, 'step_text.csv');
    const [header, ...lines] = readFileSync(path, 'utf8').split('\r\n');
    writeFileSync(path, [header, lines[2], lines[1], lines[0], ...lines.slice(3)].join('\r\n'));
    const out = temp();
    importCsv(csv, out);
    expect(readFileSync(join(out, 'dataset.json'), 'utf8')).toBe(
      readFileSync(join(CONTENT_DIR, 'dataset.json'), 'utf8'),
    );
  });

  it('round-trips the Caribbean test story byte for byte too', () => {
    const csv = temp();
    exportCsv(csv, CARIBBEAN);
    const out = temp();
    cpSync(CARIBBEAN, out, { recursive: true });
    importCsv(csv, out);
    for (const f of ['dataset.json', ...readdirSync(join(CARIBBEAN, 'measures')).map((m) => `measures/${m}`)])
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(CARIBBEAN, f), 'utf8'));
  });

  it('names the cell of a cite that is not measure:<id>#<n> or link:<id>#<n>', () => {
    const problems = importProblems('step_text.csv', (t) => t.replace('measure:sv-cecot#7', 'sv-cecot 7'));
    expect(problems).toEqual([
      expect.stringMatching(
        /^step_text\.csv row \d+, column "cites": expected cites as measure:<measure id>#<source number> or link:<link id>#<source number>, separated by ";", e\.g\. measure:sv-cecot#3; link:L3#1; got "sv-cecot 7"$/,
      ),
      // The sentence is then left without a cite, which the check refuses at the same cell.
    ]);
  });

  it('reads the checker’s problems with a step back to its cell', () => {
    const problems = importProblems('step_text.csv', (t) => t.replace('measure:sv-cecot#7', 'measure:sv-cecot#70'));
    expect(problems).toEqual([
      expect.stringMatching(
        /^step_text\.csv row \d+, column "cites": measure "sv-cecot" has no source 70 \(it lists 0, 1, 2/,
      ),
    ]);
    const month = importProblems('steps.csv', (t) => t.replace('cecot-opens,2023-01', 'cecot-opens,2021-01'));
    expect(month).toEqual([
      expect.stringMatching(/^steps\.csv row 3, column "month": is outside the data's months \(2022-03 to 2026-03/),
    ]);
  });

  it('names a sentence of no known step, and a position given twice', () => {
    const unknown = importProblems('step_text.csv', (t) => t.replace(/\r\ncecot-opens,1,/, '\r\ncecot-open,1,'));
    expect(unknown).toContain('step_text.csv row 5, column "step_id": no step in steps.csv has the id "cecot-open"');
    const twice = importProblems('step_text.csv', (t) => t.replace(/\r\ncecot-opens,2,/, '\r\ncecot-opens,1,'));
    expect(twice).toContain('step_text.csv row 6, column "position": sentence 1 of step "cecot-opens" is listed twice');
  });
});

describe('npm run story:new', () => {
  it('writes an empty list of steps, which the check accepts', () => {
    const dir = temp();
    newStory(dir, ['PER']);
    const dataset = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8'));
    expect(dataset.steps).toEqual([]);
    let problems: string[] = [];
    try {
      loadPolicyData(dir);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      problems = e.problems.map((p) => `${p.path}: ${p.message}`);
    }
    // Only the placeholders an editor must write; nothing about steps.
    expect(problems.filter((p) => p.startsWith('steps'))).toEqual([]);
  });
});
