// @vitest-environment node
/**
 * Issue 21, defect 9: a figure repeated in a measure's prose went stale silently when the figure was
 * edited (CACCO's cost changed to 36.5 million, the summary still said 35 million). The data check
 * now warns, without failing, about a number in a measure's texts that is none of its figures, and
 * an editor marks a number that is not a figure in the measure's `notFigures`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figuresInProse, isFigure, numbersIn } from '../../src/tools/figures-in-prose.ts';
import { buildJsonSchemas } from '../../src/tools/json-schema.ts';
import { CONTENT_DIR, type DataProblem, loadPolicyData } from '../../src/tools/load-dataset.ts';
import { measure } from '../fixtures/broken-data/cases.ts';

const root = mkdtempSync(join(tmpdir(), 'figures-in-prose-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A copy of the shipped content with `edit` applied to measures/cri.json. */
function contentWith(edit: (cri: any) => void): string {
  const dir = join(root, String(copies++));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const path = join(dir, 'measures', 'cri.json');
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  return dir;
}

/** The warnings of a content folder; loading must succeed (warnings are not errors). */
function warningsOf(dir: string): DataProblem[] {
  const warnings: DataProblem[] = [];
  loadPolicyData(dir, warnings);
  return warnings;
}

const cacco = (cri: any) => measure(cri, 'cr-cacco');
/** CACCO's cost figure edited as a new user would: 36.5 million, the texts left as they were. */
const costEdited = (cri: any) => {
  const cost = cacco(cri).figures.find((f: any) => f.label.en === 'cost');
  cost.values[0].value = 36500000;
};

describe('numbers in a measure’s texts that are none of its figures', () => {
  it('warn when a figure is edited and its mention is not (CACCO: cost 36.5 million, summary still 35 million)', () => {
    const warnings = warningsOf(contentWith(costEdited));
    const summary = warnings.filter((w) => w.record === 'cr-cacco' && w.path.startsWith('summary.'));
    expect(summary.map((w) => w.path)).toEqual(['summary.en', 'summary.es']);
    for (const w of summary) {
      expect(w.file).toMatch(/measures[/\\]cri\.json$/);
      expect(w.message).toContain('the number 35 (35,000,000)');
      expect(w.message).toContain('36,500,000');
      expect(w.message).toContain('list "35" in the measure\'s notFigures');
    }
    expect(summary[0]?.message).toContain('English');
    expect(summary[1]?.message).toContain('Spanish');
    // Nothing else changed, so nothing else is flagged.
    expect(warnings).toHaveLength(2);
  });

  it('do not warn for a number listed in the measure’s notFigures', () => {
    const dir = contentWith((cri) => {
      costEdited(cri);
      cacco(cri).notFigures.push('35');
    });
    expect(warningsOf(dir)).toEqual([]);
  });

  it('flag a notFigures entry that is in none of the measure’s texts (a stale marking)', () => {
    const warnings = warningsOf(contentWith((cri) => cacco(cri).notFigures.push('4,321')));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ record: 'cr-cacco', path: 'notFigures[1]' });
    expect(warnings[0]?.message).toContain('"4,321" is in none of this measure\'s texts');
  });

  it('are printed by npm run check-data, which still succeeds', () => {
    const dir = contentWith(costEdited);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/tools/check-data.cli.ts'], {
      env: { ...process.env, POLICY_DATA: dir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Data OK');
    expect(run.stderr).toContain('2 warnings');
    expect(run.stderr).toContain('record "cr-cacco" › summary.en: the number 35 (35,000,000)');
  });

  it('are none in the shipped data', () => {
    expect(warningsOf(CONTENT_DIR)).toEqual([]);
  });
});

describe('reading numbers', () => {
  const values = (text: string, lang: 'en' | 'es') => numbersIn(text, lang).map((n) => n.value);

  it('reads English and Spanish separators, scale words and per cent', () => {
    expect(
      values('a 5,100-inmate prison costing US$35 million; 78% progress; 1,200 and 40,000 places; 36.5 km', 'en'),
    ).toEqual([5100, 35e6, 78, 1200, 40000, 36.5]);
    expect(
      values('una cárcel para 5.100 reclusos con un costo de 35 millones; avance del 78 %; 40.000 reos; 36,5 km', 'es'),
    ).toEqual([5100, 35e6, 78, 40000, 36.5]);
    expect(values('de Q450 millones a Q1.400 millones; 2 mil millones de lempiras', 'es')).toEqual([
      450e6, 1400e6, 2e9,
    ]);
    expect(numbersIn('5.100 reclusos', 'es')[0]?.written).toBe('5.100');
  });

  it('skips years, dates, times, decree, law and article numbers, ordinals, names with numbers and [n] markers', () => {
    expect(values('Decree 11-2025 was approved on 21 October 2025; it began in March 2022 [1]', 'en')).toEqual([]);
    expect(values('Executive Decree 110 of 8 January 2024, curfew 23:00–05:00, 2022–2026', 'en')).toEqual([]);
    expect(values('Law 21.783; articles 69, 78 and 99; art. 12 para. 2; the 48th extension; MS-13', 'en')).toEqual([]);
    expect(values('between 8 and 11 October; 2 to 31 March; October 21; the 1798 Act; per 100,000', 'en')).toEqual([]);
    expect(
      values('El Decreto 11-2025 se aprobó el 21 de octubre de 2025; Decreto Ejecutivo PCM 29-2022', 'es'),
    ).toEqual([]);
    expect(
      values('la 48.ª prórroga, del 2 al 31 de marzo; entre el 8 y el 11 de octubre; por cada 100.000', 'es'),
    ).toEqual([]);
    expect(values('Ley 21.783; artículos 5, 6 y 33; art. 13 inc. 2; régimen 41 bis', 'es')).toEqual([]);
    // …but a figure next to them is still read.
    expect(values('Decree 11-2025 sets 14 to 18 years in prison', 'en')).toEqual([14, 18]);
  });

  it('lets a number after "about", "more than", "unos"… be rounded, by less than one unit of its last digit', () => {
    const [about] = numbersIn('about 40,000 inmates', 'en');
    const [exact] = numbersIn('40,000 inmates', 'en');
    expect(isFigure(about!, 'en', [40023])).toBe(true);
    expect(isFigure(exact!, 'en', [40023])).toBe(false);
    const [unos] = numbersIn('unos 35 millones de dólares', 'es');
    expect(isFigure(unos!, 'es', [35_400_000])).toBe(true);
    expect(isFigure(unos!, 'es', [36_500_000])).toBe(false);
    const [moreThan] = numbersIn('more than 91,000 people', 'en');
    expect(isFigure(moreThan!, 'en', [91300])).toBe(true);
  });

  it('compares with the numbers in the figures’ own labels and units ("extensions of 30 days")', () => {
    const file = {
      measures: [
        {
          id: 'x-measure',
          title: { en: 'Renewed every 30 days', es: 'Renovado cada 30 días' },
          summary: { en: '48 extensions', es: '48 prórrogas' },
          status: { value: 'in-force', sources: [1] },
          dates: { announced: null, started: null, ended: null },
          timeline: [],
          figures: [
            {
              label: { en: 'extensions', es: 'prórrogas' },
              values: [
                {
                  value: 48,
                  unit: { en: 'extensions of 30 days', es: 'prórrogas de 30 días' },
                  asOf: null,
                  sources: [1],
                },
              ],
              contested: false,
            },
          ],
          facts: [],
          location: null,
          concerns: [],
          sources: [],
        },
      ],
    };
    expect(figuresInProse('x.json', file)).toEqual([]);
  });
});

describe('the notFigures field', () => {
  it('is described in the JSON Schema editors use', () => {
    const country = JSON.parse(buildJsonSchemas()['country.schema.json'] as string);
    const notFigures = country.properties.measures.items.properties.notFigures;
    expect(notFigures.type).toBe('array');
    expect(notFigures.description).toMatch(/as written in the text/);
    expect(notFigures.description).toMatch(/npm run check-data/);
  });
});
