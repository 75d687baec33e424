/**
 * CSV and JSON downloads of exactly the table rows shown (at the date shown: the CSV's status
 * column is the status at that date, as on screen; the JSON has both the record's current status
 * and `statusAtDate`). CSV follows RFC 4180 (CRLF, quoted
 * fields, doubled quotes), starts with a UTF-8 byte-order mark so Excel reads accents right, and
 * neutralises cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a leading
 * apostrophe (OWASP's CSV-injection advice).
 *
 * Both state the data's licence, credit, version and "as of" date (README, "Downloads"): the JSON
 * once, beside the rows, with the whole corrections log; the CSV in columns of every row (a CSV has
 * no place for anything but rows), with the log's entries for that row's measure.
 */
import { type Lang, STRINGS } from '../i18n/strings.ts';
import type { DownloadCredits } from './citation.ts';
import { correctionLabel } from './corrections.ts';
import type { TableRow } from './table-rows.ts';

export const BOM = '\uFEFF';

/** One CSV field: neutralised against formula injection, then quoted if it needs to be. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: TableRow[], lang: Lang, credits: DownloadCredits): string {
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
  const lines = rows.map((r) =>
    [
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
    ].map(csvField),
  );
  return `${BOM}${[header.map(csvField), ...lines].map((l) => l.join(',')).join('\r\n')}\r\n`;
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
