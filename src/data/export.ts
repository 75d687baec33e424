/**
 * CSV and JSON downloads of exactly the table rows shown (at the date shown: the CSV's status
 * column is the status at that date, as on screen; the JSON has both the record's current status
 * and `statusAtDate`). CSV follows RFC 4180 (CRLF, quoted
 * fields, doubled quotes), starts with a UTF-8 byte-order mark so Excel reads accents right, and
 * neutralises cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a leading
 * apostrophe (OWASP's CSV-injection advice).
 */
import { type Lang, STRINGS } from '../i18n/strings.ts';
import type { TableRow } from './table-rows.ts';

export const BOM = '\uFEFF';

/** One CSV field: neutralised against formula injection, then quoted if it needs to be. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: TableRow[], lang: Lang): string {
  const t = STRINGS[lang];
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
    ].map(csvField),
  );
  return `${BOM}${[header.map(csvField), ...lines].map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export function toJson(rows: TableRow[]): string {
  return `${JSON.stringify(
    rows.map((r) => ({
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
    null,
    2,
  )}\n`;
}
