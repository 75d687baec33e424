/**
 * Every measure matching the filter as a sortable table (aria-sort on the sorted column), with
 * CSV and JSON downloads of exactly the rows shown, in the order shown.
 */
import './measure-table.css';
import { useMemo, useState } from 'react';
import { downloadCredits } from '../data/citation.ts';
import { toCsv, toJson } from '../data/export.ts';
import type { PolicyData } from '../data/policy-data.ts';
import { COLUMNS, type Column, type SortDirection, sortRows, type TableRow, tableRows } from '../data/table-rows.ts';
import { fill, type StringKey } from '../i18n/strings.ts';
import { useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { downloadText } from './download.ts';
import { STATUS_SYMBOL } from './measure-article.tsx';
import { WithFullData } from './with-full-data.tsx';

const HEADER: Record<Column, StringKey> = {
  country: 'colCountry',
  type: 'colType',
  title: 'colMeasure',
  status: 'colStatus',
  announced: 'colAnnounced',
  started: 'colStarted',
  ended: 'colEnded',
  keyFigure: 'colFigure',
  sources: 'colSources',
};

/** The table, once the records are here (its rows carry every measure's key figure and sources). */
export function MeasureTable() {
  return <WithFullData>{(data) => <Table data={data} />}</WithFullData>;
}

type Sort = { column: Column; direction: SortDirection } | null;

/** The rows matching the filter at the month, in the reader's order (data order until a header is clicked). */
function useSortedRows(data: PolicyData, sort: Sort) {
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const date = useAppStore((s) => s.date);
  return useMemo(() => {
    const all = date === null ? tableRows(data, activeTypes, lang) : tableRows(data, activeTypes, lang, date);
    return sort ? sortRows(all, sort.column, sort.direction, lang) : all;
  }, [data, activeTypes, lang, sort, date]);
}

/** The row count and the CSV and JSON downloads of exactly the rows shown. */
function TableTools({ data, rows }: { data: PolicyData; rows: TableRow[] }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const date = useAppStore((s) => s.date);
  // Downloads at an earlier month say so in their name.
  const stamp = date === null ? data.meta.asOf : `${date}-as-of-${data.meta.asOf}`;
  const [failed, setFailed] = useState(false);
  /** A file that could not be made (the CSV writer's code did not load) is said, and logged. */
  const save = (name: string, mime: string, text: string | Promise<string>) => {
    setFailed(false);
    downloadText(name, mime, text).catch((error: unknown) => {
      console.error(error);
      setFailed(true);
    });
  };
  return (
    <div className="table-tools">
      <p className="table-count" aria-live="polite">
        {fill(t.tableRows, { n: rows.length })}
      </p>
      <fieldset className="downloads">
        <legend>{t.download}:</legend>
        <button
          type="button"
          aria-label={t.downloadCsvLabel}
          onClick={() =>
            save(
              `policy-measures-${stamp}.csv`,
              'text/csv;charset=utf-8',
              toCsv(rows, lang, downloadCredits(data, lang)),
            )
          }
        >
          {t.downloadCsv}
        </button>
        <button
          type="button"
          aria-label={t.downloadJsonLabel}
          onClick={() =>
            save(`policy-measures-${stamp}.json`, 'application/json', toJson(rows, downloadCredits(data, lang)))
          }
        >
          {t.downloadJson}
        </button>
      </fieldset>
      {failed && <p role="alert">{t.downloadFileFailed}</p>}
    </div>
  );
}

/** The column headers, each a button that sorts by its column (aria-sort on the sorted one). */
function SortHeader({ sort, onSort }: { sort: Sort; onSort: (column: Column) => void }) {
  const t = useStrings();
  return (
    <thead>
      <tr>
        {COLUMNS.map((c) => (
          <th key={c} scope="col" aria-sort={sort?.column === c ? sort.direction : undefined}>
            <button type="button" onClick={() => onSort(c)} aria-label={fill(t.sortBy, { column: t[HEADER[c]] })}>
              {t[HEADER[c]]}
              <span aria-hidden="true" className="sort-mark">
                {sort?.column === c ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
              </span>
            </button>
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** One measure: its title opens it in the panel; its sources are numbered links. */
function MeasureRow({ row: r }: { row: TableRow }) {
  const t = useStrings();
  const openMeasure = useAppStore((s) => s.openMeasure);
  return (
    <tr data-measure={r.id}>
      <td>{r.countryName}</td>
      <td>{r.typeLabel}</td>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => openMeasure(r.country, r.id)}>
          {r.title}
        </button>
      </th>
      <td>
        {r.statusAtMonth === 'unknown' ? null : <span aria-hidden="true">{STATUS_SYMBOL[r.statusAtMonth]} </span>}
        {r.statusAtMonthLabel}
      </td>
      <td>{r.announced}</td>
      <td>{r.started}</td>
      <td>{r.ended}</td>
      <td>{r.keyFigure}</td>
      <td className="table-sources">
        {r.sources.map((s) => (
          <a
            key={s.n}
            href={s.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={fill(t.sourceN, { n: s.n, publisher: s.publisher })}
          >
            [{s.n}]
          </a>
        ))}
      </td>
    </tr>
  );
}

function Table({ data }: { data: PolicyData }) {
  const t = useStrings();
  const [sort, setSort] = useState<Sort>(null);
  const rows = useSortedRows(data, sort);

  const sortBy = (column: Column) =>
    setSort((s) => ({
      column,
      direction: s?.column === column && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <div className="measure-table">
      <TableTools data={data} rows={rows} />
      {/* Focusable so keyboard users can scroll it sideways on narrow screens. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="table-scroll" aria-labelledby="measure-table-caption" tabIndex={0}>
        <table>
          <caption id="measure-table-caption">{t.tableCaption}</caption>
          <SortHeader sort={sort} onSort={sortBy} />
          <tbody>
            {rows.map((r) => (
              <MeasureRow key={r.id} row={r} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
