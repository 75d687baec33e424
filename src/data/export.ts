/**
 * CSV and JSON downloads of exactly the table rows shown (at the date shown: the CSV's status
 * column is the status at that date, as on screen; the JSON has both the record's current status
 * and `statusAtDate`). The CSV is written by csv-stringify, the writer `npm run data:export` uses:
 * RFC 4180 (CRLF, quoted fields, doubled quotes), a UTF-8 byte-order mark so Excel reads accents
 * right, and cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) neutralised with
 * a leading apostrophe (OWASP's CSV-injection advice).
 *
 * Both state the data's licence, credit, version and "as of" date (README, "Downloads"): the JSON
 * once, beside the rows, with the whole corrections log; the CSV in columns of every row (a CSV has
 * no place for anything but rows), with the log's entries for that row's measure.
 */
import type { Options } from 'csv-stringify/browser/esm/sync';
import { type Lang, STRINGS } from '../i18n/strings.ts';
import type { DownloadCredits } from './citation.ts';
import { correctionLabel } from './corrections.ts';
import type { TableRow } from './table-rows.ts';

export const BOM = '\uFEFF';

/**
 * csv-stringify's options for a CSV a spreadsheet opens cleanly: BOM, CRLF after every record, and
 * a field quoted when it holds a comma, a quote or any line break. `quote_record_delimiter` must be
 * said: with `record_delimiter` given, csv-stringify otherwise quotes only a field holding CRLF, and
 * writes a lone "\n" (two sources in one cell) unquoted.
 */
export const CSV_OPTIONS = {
  bom: true,
  record_delimiter: 'windows',
  quote_record_delimiter: true,
} as const satisfies Options;

/** The downloads' options: `CSV_OPTIONS`, and formula-like cells neutralised (see above). */
export const DOWNLOAD_CSV_OPTIONS = { ...CSV_OPTIONS, escape_formulas: true } as const satisfies Options;

/**
 * The CSV download. csv-stringify's browser build (about 80 kB with its Buffer shim) is loaded
 * here, at the first download, so the first screen does not pay for it.
 */
export async function toCsv(rows: TableRow[], lang: Lang, credits: DownloadCredits): Promise<string> {
  const { stringify } = await import('csv-stringify/browser/esm/sync');
  const t = STRINGS[lang];
  const licence = `${credits.licence.name} ${credits.licence.url}`;
  const correctionsOf = (id: string) =>
    credits.corrections
      .filter((c) => c.ids.includes(id))
      .map((c) => `${correctionLabel(c, lang)}: ${c.text}`)
      .join('\n');
  const header = [
    t.colCountry,
    t.colType,
    t.colMeasure,
    t.colStatus,
    t.colAnnounced,
    t.colStarted,
    t.colEnded,
    t.colFigure,
    t.colSources,
    t.colAsOf,
    t.colVersion,
    t.colLicence,
    t.colCredit,
    t.colCorrections,
  ];
  const lines = rows.map((r) => [
    r.countryName,
    r.typeLabel,
    r.title,
    r.statusAtMonthLabel,
    r.announced,
    r.started,
    r.ended,
    r.keyFigure,
    r.sources.map((s) => `[${s.n}] ${s.publisher} ${s.url}`).join('\n'),
    credits.asOf,
    credits.version,
    licence,
    credits.credit,
    correctionsOf(r.id),
  ]);
  return stringify([header, ...lines], DOWNLOAD_CSV_OPTIONS);
}

export function toJson(rows: TableRow[], credits: DownloadCredits): string {
  return `${JSON.stringify(
    {
      ...credits,
      measures: rows.map((r) => ({
        id: r.id,
        country: r.country,
        countryName: r.countryName,
        type: r.type,
        typeLabel: r.typeLabel,
        title: r.title,
        status: r.status,
        statusLabel: r.statusLabel,
        statusAtDate: r.statusAtMonth,
        statusAtDateLabel: r.statusAtMonthLabel,
        announced: r.announcedIso || null,
        started: r.startedIso || null,
        ended: r.endedIso || null,
        keyFigure: r.keyFigure || null,
        sources: r.sources,
      })),
    },
    null,
    2,
  )}\n`;
}
