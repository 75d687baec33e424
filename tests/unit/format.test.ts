import { describe, expect, it } from 'vitest';
import {
  datePrecision,
  formatCount,
  formatDate,
  formatFigureValue,
  formatList,
  formatNumber,
} from '../../src/data/format.ts';
import { LANGS, LOCALES, STRINGS } from '../../src/i18n/strings.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';

const unit = (en: string, es: string) => ({ en, es });

describe('dates at their precision', () => {
  it('reads the precision from the format', () => {
    expect(datePrecision('2022')).toBe('year');
    expect(datePrecision('2022-03')).toBe('month');
    expect(datePrecision('2022-03-27')).toBe('day');
  });

  it('never shows more precision than the source gives', () => {
    expect(formatDate('2022-03-27', 'en')).toBe('27 March 2022');
    expect(formatDate('2022-03', 'en')).toBe('March 2022');
    expect(formatDate('2022', 'en')).toBe('2022');
    expect(formatDate('2022-03-27', 'es')).toBe('27 de marzo de 2022');
    expect(formatDate('2022-03', 'es')).toBe('marzo de 2022');
  });

  it('shows n.d. for an undated source', () => {
    expect(formatDate(null, 'en')).toBe(STRINGS.en.noDate);
    expect(formatDate(null, 'es')).toBe(STRINGS.es.noDate);
  });

  it('is not shifted by the time zone (1 January stays in its year)', () => {
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
  });

  it('reads exactly as Intl’s date formats in each language, for every day 2000–2030 and every date in the data', () => {
    // The strings write dates without building an Intl.DateTimeFormat (about 30 ms of the first screen).
    const json = JSON.stringify(loadPolicyData());
    const inData = [...json.matchAll(/"(\d{4}(?:-\d{2}(?:-\d{2})?)?)"/g)].map((m) => m[1] as string);
    const days: string[] = [];
    for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000 * 3)
      days.push(new Date(t).toISOString().slice(0, 10));
    const dates = [...new Set([...inData, ...days, ...days.map((d) => d.slice(0, 7)), '2022', '1999'])];
    expect(dates.length).toBeGreaterThan(3000);
    for (const lang of LANGS) {
      const intl = (date: string) => {
        const [y, m = 1, d = 1] = date.split('-').map(Number) as [number, number?, number?];
        const options: Intl.DateTimeFormatOptions =
          date.length === 4
            ? { year: 'numeric' }
            : date.length === 7
              ? { year: 'numeric', month: 'long' }
              : { year: 'numeric', month: 'long', day: 'numeric' };
        return new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
      };
      for (const date of dates) expect(formatDate(date, lang), `${lang} ${date}`).toBe(intl(date));
    }
  });
});

describe('whole numbers', () => {
  it('read exactly as Intl’s number format in each language, signs and group separators included', () => {
    // Written without building an Intl.NumberFormat (about 16 ms of the first screen).
    const values = [0, 1, 7, 12, 999, 1000, 1234, 9999, 10_000, 12_345, 99_999, 100_000, 654_321, 999_999];
    for (let n = 0; n < 1e6; n += 997) values.push(n);
    for (const lang of LANGS) {
      const intl = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 });
      for (const n of [...values, ...values.map((v) => -v)])
        expect(formatNumber(n, lang), `${lang} ${n}`).toBe(intl.format(n).replace('\u2212', '-'));
    }
  });

  it('counts measures with the same figures', () => {
    expect(formatCount(12_345, 'en')).toBe('12,345 measures');
    expect(formatCount(1234, 'es')).toBe('1234 medidas');
    expect(formatCount(12_345, 'es')).toBe('12.345 medidas');
  });
});

describe('lists of names', () => {
  it('read exactly as Intl’s conjunction lists in each language', () => {
    const names = ['El Salvador', 'Costa Rica', 'Estados Unidos', 'Italia', 'Hidalgo', 'Hierro', 'Chile', 'Iquique'];
    for (const lang of LANGS) {
      // The app's locales: en-GB writes no serial comma ("A, B and C").
      const intl = new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' });
      for (let n = 0; n <= 4; n++)
        for (let start = 0; start < names.length; start++) {
          const list = Array.from({ length: n }, (_, k) => names[(start + k) % names.length] as string);
          expect(formatList(list, lang), `${lang} ${list.join('|')}`).toBe(intl.format(list));
        }
    }
  });
});

describe('figures with qualifiers and units', () => {
  it('formats plain, qualified and range values', () => {
    expect(formatFigureValue({ value: 40000, unit: unit('places', 'plazas'), asOf: null, sources: [1] }, 'en')).toBe(
      '40,000 places',
    );
    expect(
      formatFigureValue(
        { value: 91300, qualifier: 'more-than', unit: unit('people', 'personas'), asOf: null, sources: [1] },
        'en',
      ),
    ).toBe('more than 91,300 people');
    expect(
      formatFigureValue(
        { value: 65, valueMax: 70, unit: unit('inmates per cell', 'reos por celda'), asOf: null, sources: [1] },
        'en',
      ),
    ).toBe('65–70 inmates per cell');
  });

  it('formats money with its currency and large numbers in words', () => {
    const v = { value: 35000000, currency: 'USD', unit: unit('US dollars', 'dólares'), asOf: null, sources: [1] };
    expect(formatFigureValue(v, 'en')).toBe('US$35 million');
    expect(formatFigureValue(v, 'es')).toMatch(/^35 millones (de )?US\$$/);
  });

  it('uses the Spanish separators and qualifiers', () => {
    expect(
      formatFigureValue(
        { value: 15000, qualifier: 'about', unit: unit('inmates', 'reos'), asOf: null, sources: [1] },
        'es',
      ),
    ).toBe('unos 15.000 reos');
  });

  it('counts measures in words', () => {
    expect(formatCount(1, 'en')).toBe('1 measure');
    expect(formatCount(4, 'en')).toBe('4 measures');
    expect(formatCount(0, 'es')).toBe('ninguna medida');
    expect(formatCount(0, 'en')).toBe('no measures');
    expect(formatCount(2, 'es')).toBe('2 medidas');
  });
});

describe('UI strings', () => {
  it('exist in both languages and none is empty', () => {
    expect(Object.keys(STRINGS.es).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const lang of ['en', 'es'] as const)
      for (const [k, v] of Object.entries(STRINGS[lang])) expect(v.trim(), `${lang}.${k}`).not.toBe('');
  });
});
