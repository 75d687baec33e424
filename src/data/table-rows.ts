/**
 * The measures as flat rows for the table view and its downloads: one pure function builds the
 * rows (in the reader's language), one sorts them, and the CSV/JSON exports in `export.ts` write
 * exactly these rows, so a download always equals what is on screen.
 */

import { type Lang, STRINGS } from '../i18n/strings.ts';
import { formatDate, formatFigureValue } from './format.ts';
import type { PolicyData } from './policy-data.ts';
import { countryCodes, countryName, isFacilityType } from './story.ts';
import { asOfMonth, type Month, measureAt, type StatusAt } from './timeline.ts';
import { type CountryCode, type MeasureTypeId, STATUSES, type Status } from './vocabulary.ts';

export interface TableRow {
  id: string;
  country: CountryCode;
  countryName: string;
  /** The country's place in the story's order (the table sorts countries by it). */
  countryOrder: number;
  type: MeasureTypeId;
  typeLabel: string;
  title: string;
  /** The record's own (current) status. */
  status: Status;
  statusLabel: string;
  /** The status at the month asked for ('unknown' when the data cannot tell); = `status` at "as of". */
  statusAtMonth: StatusAt;
  statusAtMonthLabel: string;
  announced: string;
  started: string;
  ended: string;
  /** ISO dates at their precision (or ""), for sorting. */
  announcedIso: string;
  startedIso: string;
  endedIso: string;
  /** The first key figure, formatted; both versions when contested. */
  keyFigure: string;
  sources: { n: number; publisher: string; url: string }[];
}

export const COLUMNS = [
  'country',
  'type',
  'title',
  'status',
  'announced',
  'started',
  'ended',
  'keyFigure',
  'sources',
] as const;
export type Column = (typeof COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

/** Rows for the measures of the active types that exist at `month` (default: "as of", i.e. all). */
export function tableRows(
  data: PolicyData,
  activeTypes: readonly MeasureTypeId[],
  lang: Lang,
  month: Month = asOfMonth(data),
): TableRow[] {
  const active = new Set(activeTypes);
  const asOf = asOfMonth(data);
  const typeLabel = new Map(data.meta.types.map((t) => [t.id, t.label[lang]]));
  const statusLabel = new Map(data.meta.statuses.map((s) => [s.id, s.label[lang]]));
  const t = STRINGS[lang];
  return data.countries.flatMap((c) =>
    c.measures
      .filter((m) => active.has(m.type))
      .flatMap((m) => {
        const at = measureAt(m, month, asOf, isFacilityType(data, m.type));
        return at.exists && at.status !== null ? [{ m, statusAtMonth: at.status }] : [];
      })
      .map(({ m, statusAtMonth }) => {
        const figure = m.figures[0];
        const keyFigure = figure
          ? `${figure.values.map((v) => formatFigureValue(v, lang)).join(figure.contested ? ` ${t.or} ` : ' · ')} — ${figure.label[lang]}`
          : '';
        const date = (d: { date: string } | null) => (d ? formatDate(d.date, lang) : '');
        return {
          id: m.id,
          country: m.country,
          countryName: countryName(data, m.country, lang),
          countryOrder: countryCodes(data).indexOf(m.country),
          type: m.type,
          typeLabel: typeLabel.get(m.type) ?? m.type,
          title: m.title[lang],
          status: m.status.value,
          statusLabel: statusLabel.get(m.status.value) ?? m.status.value,
          statusAtMonth,
          statusAtMonthLabel:
            statusAtMonth === 'unknown' ? t.statusUnknownAtDate : (statusLabel.get(statusAtMonth) ?? statusAtMonth),
          announced: date(m.dates.announced),
          started: date(m.dates.started),
          ended: date(m.dates.ended),
          announcedIso: m.dates.announced?.date ?? '',
          startedIso: m.dates.started?.date ?? '',
          endedIso: m.dates.ended?.date ?? '',
          keyFigure,
          sources: m.sources.map((s) => ({ n: s.n, publisher: s.publisher, url: s.url })),
        };
      }),
  );
}

const sortKey: Record<Column, (r: TableRow) => string | number> = {
  country: (r) => r.countryOrder,
  type: (r) => r.typeLabel,
  title: (r) => r.title,
  // The status shown: at the month asked for ('unknown' sorts after every known status).
  status: (r) => (r.statusAtMonth === 'unknown' ? STATUSES.length : STATUSES.indexOf(r.statusAtMonth)),
  announced: (r) => r.announcedIso,
  started: (r) => r.startedIso,
  ended: (r) => r.endedIso,
  keyFigure: (r) => r.keyFigure,
  sources: (r) => r.sources.length,
};

/**
 * Rows sorted by a column; stable, so equal keys keep data order. Empty dates sort last in both
 * directions (an unknown date is not "earliest").
 */
export function sortRows(rows: TableRow[], column: Column, direction: SortDirection, lang: Lang): TableRow[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  const key = sortKey[column];
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === '' && kb !== '') return 1;
    if (kb === '' && ka !== '') return -1;
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
    return sign * c;
  });
}
