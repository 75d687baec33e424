// @vitest-environment node
/**
 * Issue 8, section 5: corrections from the fact check, pinned so they cannot regress. Each test
 * names the data brief's wording it follows.
 */
import { describe, expect, it } from 'vitest';
import { formatFigureValue } from '../../src/data/format.ts';
import type { Measure } from '../../src/data/schema.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';

const data = loadPolicyData();
const measure = (id: string): Measure => {
  const m = data.countries.flatMap((c) => c.measures).find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
};
const allText = (value: unknown): string => JSON.stringify(value);

describe('fact-check corrections (issue 8, section 5)', () => {
  it('HN-1: the 700 CONADEH complaints follow the brief ("CONADEH then counted"), not "during the 17th extension"', () => {
    const figure = measure('hn-estado-de-excepcion-parcial').figures.find((f) => f.label.en.includes('CONADEH'));
    const value = figure?.values.find((v) => v.value === 700);
    expect(value).toBeDefined();
    expect(allText(value)).not.toMatch(/during the 17th extension/i);
    expect(allText(value)).not.toMatch(/durante la 17/i);
    expect(value?.note?.en).toContain('CONADEH then counted 700 complaints');
    expect(value?.note?.es).toContain('700 denuncias');
  });

  it('CL-4: the concession total is shown in UF, the unit readers know, never as "CLF"', () => {
    const figure = measure('cl-santiago-max-security-prison').figures.find((f) => f.label.en.startsWith('concession'));
    const value = figure?.values[0];
    if (!value) throw new Error('CL-4 concession figure missing');
    for (const lang of ['en', 'es'] as const) {
      const shown = formatFigureValue(value, lang);
      expect(shown).toMatch(/\bUF\b/);
      expect(shown).not.toContain('CLF');
    }
    expect(formatFigureValue(value, 'en')).toBe('4.75 million UF (unidades de fomento)');
  });

  it('CR-2: gives the official name, Centro de Alta Contención del Crimen Organizado (CACCO), in both languages', () => {
    const m = measure('cr-cacco');
    for (const lang of ['en', 'es'] as const)
      expect(`${m.title[lang]} ${m.summary[lang]}`).toContain(
        'Centro de Alta Contención del Crimen Organizado (CACCO)',
      );
  });

  it("the dek no longer says all five governments follow El Salvador's lead, and is no longer than before", () => {
    expect(data.meta.dek.en).not.toMatch(/following its lead/i);
    expect(data.meta.dek.es).not.toMatch(/siguen su ejemplo/i);
    // The previous dek's lengths: it must still fit a phone's first screen.
    expect(data.meta.dek.en.length).toBeLessThanOrEqual(163);
    expect(data.meta.dek.es.length).toBeLessThanOrEqual(178);
  });

  it('Chile: the military zone covers the "most vulnerable" sector of the Bolivia border (CL-3), not the whole border', () => {
    const chile = data.countries.find((c) => c.country === 'CHL');
    expect(chile?.summary.en).toContain('sector of the border with Bolivia');
    expect(chile?.summary.en).not.toMatch(/military zone on the border with Bolivia/);
    expect(chile?.summary.es).toContain('sector más vulnerable de la frontera con Bolivia');
  });
});
