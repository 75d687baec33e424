// @vitest-environment node

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { downloadCredits } from '../../src/data/citation.ts';
import { BOM, DOWNLOAD_CSV_OPTIONS, toCsv, toJson } from '../../src/data/export.ts';
import { formatDate, formatFigureValue } from '../../src/data/format.ts';
import { sortRows, type TableRow, tableRows } from '../../src/data/table-rows.ts';
import { fill, preferredLang, STRINGS } from '../../src/i18n/strings.ts';
import { parseUrlState } from '../../src/state/url-state.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { createData } from '../fixtures/create-data.ts';
import { MEASURE_TYPES, URL_OPTIONS } from '../fixtures/story.ts';

/**
 * The download's CSV writer before it was csv-stringify (issue 21): kept here as the oracle that
 * the shipped data's download is still the same file, byte for byte.
 */
function handRolledCsv(header: string[], records: string[][]): string {
  const field = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${BOM}${[header, ...records].map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

describe('CSV (RFC 4180, Excel-safe)', () => {
  const data = createData();
  const [row] = tableRows(data, MEASURE_TYPES, 'en') as [TableRow];
  /** How the download writes `value` in a cell: as the title of a one-row CSV, read back raw. */
  const written = async (value: string) => {
    const csv = await toCsv([{ ...row, title: value }], 'en', downloadCredits(data, 'en'));
    const before = `\r\n${row.countryName},${row.typeLabel},`;
    const start = csv.indexOf(before) + before.length;
    return csv.slice(start, csv.indexOf(`,${row.statusAtMonthLabel},`, start));
  };

  it('quotes fields with commas, quotes and line breaks, doubling quotes', async () => {
    expect(await written('plain')).toBe('plain');
    expect(await written('a, b')).toBe('"a, b"');
    expect(await written('say "hi"')).toBe('"say ""hi"""');
    expect(await written('line\nbreak')).toBe('"line\nbreak"');
    expect(await written('cr\rlf')).toBe('"cr\rlf"');
    expect(await written('crlf\r\nbreak')).toBe('"crlf\r\nbreak"');
    expect(await written('')).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    expect(await written('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(await written('+1')).toBe("'+1");
    expect(await written('-5')).toBe("'-5");
    expect(await written('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(await written('\tcmd')).toBe("'\tcmd");
    // The full-width forms some spreadsheets fold into = and @ (csv-stringify knows them).
    expect(await written('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(await written('\uFF20SUM(A1)')).toBe("'\uFF20SUM(A1)");
    expect(await written('a=b')).toBe('a=b');
  });

  it('is what csv-stringify’s Node build (data:export’s writer) writes with the download’s options', async () => {
    const shipped = loadPolicyData();
    const rows = tableRows(shipped, MEASURE_TYPES, 'en');
    const csv = await toCsv(rows, 'en', downloadCredits(shipped, 'en'));
    const cells = parse(csv, { bom: true }) as string[][];
    expect(cells).toHaveLength(rows.length + 1);
    expect(csv).toBe(stringify(cells, DOWNLOAD_CSV_OPTIONS));
    expect(DOWNLOAD_CSV_OPTIONS).toMatchObject({ bom: true, record_delimiter: 'windows', escape_formulas: true });
  });

  it('writes the shipped data byte for byte as the hand-rolled writer did, in each language', async () => {
    const shipped = loadPolicyData();
    for (const lang of ['en', 'es'] as const)
      for (const date of [undefined, '2023-01'] as const) {
        const rows = tableRows(shipped, MEASURE_TYPES, lang, date);
        const csv = await toCsv(rows, lang, downloadCredits(shipped, lang));
        const [header, ...records] = parse(csv, { bom: true }) as string[][];
        expect(records).toHaveLength(rows.length);
        // Cells with a line break but no comma or quote (the sources list): the case a writer that
        // quotes only CRLF gets wrong.
        expect(records.flat().filter((c) => c.includes('\n') && !/[",]/.test(c)).length).toBeGreaterThan(0);
        expect(csv, `${lang} ${date}`).toBe(handRolledCsv(header as string[], records));
      }
  });

  it('starts with a UTF-8 BOM, ends lines with CRLF and keeps accents and URLs', async () => {
    const data = loadPolicyData();
    const rows = tableRows(data, MEASURE_TYPES, 'es');
    const csv = await toCsv(rows, 'es', downloadCredits(data, 'es'));
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const header = csv.slice(1).split('\r\n')[0];
    expect(header).toBe(
      'País,Tipo,Medida,Estado,Anuncio,Inicio,Fin,Cifra clave,Fuentes,Datos al,Versión de los datos,Licencia,Atribución,Correcciones y actualizaciones',
    );
    expect(csv).toContain('Régimen de excepción');
    expect(csv).toContain('https://www.diariocolatino.com/asamblea-aprueba-prorroga-48-del-regimen-de-excepcion/');
  });

  it('has one record per row shown, in the order shown', () => {
    const data = createData();
    const rows = sortRows(tableRows(data, MEASURE_TYPES, 'en'), 'title', 'descending', 'en');
    const json = JSON.parse(toJson(rows, downloadCredits(data, 'en'))) as { measures: { id: string }[] };
    expect(json.measures.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(json.measures.map((r) => r.id)).toEqual(['sv-test-measure', 'sv-test-prison', 'cl-test-prison']);
  });
});

describe('table rows', () => {
  const data = createData();

  it('follow the filter', () => {
    expect(tableRows(data, ['max-security-prison'], 'en').map((r) => r.id)).toEqual([
      'sv-test-prison',
      'cl-test-prison',
    ]);
    expect(tableRows(data, [], 'en')).toEqual([]);
  });

  it('sort by date with unknown dates last in both directions', () => {
    const rows = tableRows(loadPolicyData(), MEASURE_TYPES, 'en');
    for (const direction of ['ascending', 'descending'] as const) {
      const sorted = sortRows(rows, 'ended', direction, 'en');
      const firstEmpty = sorted.findIndex((r) => r.endedIso === '');
      expect(sorted.slice(firstEmpty).every((r) => r.endedIso === '')).toBe(true);
      const dated = sorted.slice(0, firstEmpty).map((r) => r.endedIso);
      expect(dated).toEqual(
        [...dated].sort((a, b) => (direction === 'ascending' ? a.localeCompare(b) : b.localeCompare(a))),
      );
    }
  });
});

describe('English and Spanish', () => {
  it('has every UI string in both languages, none empty, placeholders matching', () => {
    expect(Object.keys(STRINGS.es).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const key of Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[]) {
      expect(STRINGS.es[key].trim(), key).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(STRINGS.es[key]), key).toEqual(holes(STRINGS.en[key]));
    }
  });

  it('has every data text in both languages, and no long text left untranslated', () => {
    const untranslated: string[] = [];
    let texts = 0;
    const walk = (v: unknown, path: string): void => {
      if (v && typeof v === 'object' && 'en' in v && 'es' in v) {
        const { en, es } = v as { en: unknown; es: unknown };
        texts++;
        expect(typeof en === 'string' && en.trim() !== '', `${path}.en`).toBe(true);
        expect(typeof es === 'string' && es.trim() !== '', `${path}.es`).toBe(true);
        // Names and units ("CECOT, Tecoluca", "quetzales") are the same in both; sentences are not.
        if (en === es && String(en).split(/\s+/).length >= 5) untranslated.push(`${path}: ${en}`);
        return;
      }
      if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(loadPolicyData(), 'data');
    expect(texts).toBeGreaterThan(500);
    expect(untranslated).toEqual([]);
  });

  it('formats dates at each precision and numbers as each language writes them', () => {
    expect(formatDate('2022-03', 'en')).toBe('March 2022');
    expect(formatDate('2022-03', 'es')).toBe('marzo de 2022');
    expect(formatDate('2022', 'es')).toBe('2022');
    expect(formatDate('2023-01-31', 'es')).toBe('31 de enero de 2023');
    const v = { value: 40000, unit: { en: 'places', es: 'plazas' }, asOf: null, sources: [1] };
    expect(formatFigureValue(v, 'en')).toBe('40,000 places');
    expect(formatFigureValue(v, 'es')).toBe('40.000 plazas');
  });

  it('takes the language from the URL, else the browser, else English', () => {
    expect(parseUrlState('?lang=es', URL_OPTIONS).lang).toBe('es');
    expect(preferredLang(['es-SV', 'en'])).toBe('es');
    expect(preferredLang(['fr-FR', 'en-GB'])).toBe('en');
    expect(preferredLang(['de'])).toBe('en');
  });

  it('offers only the story’s languages (story.json), its first the default', () => {
    // A Spanish-first story: a reader whose browser prefers neither gets Spanish.
    expect(preferredLang(['de'], ['es', 'en'])).toBe('es');
    expect(preferredLang(['en-US'], ['es', 'en'])).toBe('en');
    // A Spanish-only story never switches to English, and ignores ?lang=en.
    expect(preferredLang(['en-US'], ['es'])).toBe('es');
    expect(parseUrlState('?lang=en', { ...URL_OPTIONS, langs: ['es'] }).lang).toBeUndefined();
  });

  it('fills placeholders', () => {
    expect(fill('{n} rows of {n}', { n: 3 })).toBe('3 rows of 3');
    expect(fill('{missing}', {})).toBe('{missing}');
  });
});

describe('reader settings from the URL', () => {
  it('reads lang, theme and view', () => {
    expect(parseUrlState('?lang=es&theme=dark&view=table', URL_OPTIONS)).toEqual({
      lang: 'es',
      theme: 'dark',
      view: 'table',
    });
    expect(parseUrlState('', URL_OPTIONS)).toEqual({});
  });

  it('ignores unknown, repeated and hostile values', () => {
    expect(parseUrlState('?lang=fr&theme=blue&view=<script>', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?lang=es&lang=en', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?theme=dark%22%3E%3Cimg', URL_OPTIONS)).toEqual({});
    expect(parseUrlState('?%E0%A4%A=1&lang=es', URL_OPTIONS)).toEqual({ lang: 'es' });
  });
});
