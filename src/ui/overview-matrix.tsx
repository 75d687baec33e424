/**
 * Countries × measure types. Each cell lists that country's measures of that type by status, in
 * words with a symbol; activating one opens the measure in the map view's panel.
 */

import './overview-matrix.css';
import type { MeasureIndex } from '../data/policy-index.ts';
import type { MeasureType } from '../data/schema.ts';
import { countryCodes, countryName, isFacilityType } from '../data/story.ts';
import { asOfMonth, measureAt, type StatusAt } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { fill } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { STATUS_SYMBOL } from './measure-article.tsx';

type StatusLabels = Map<string, string>;

/** One measure in a cell: a button that opens it in the map view's panel, its status in words. */
function MatrixItem({
  country,
  measure: m,
  status: st,
  statusLabel,
}: {
  country: CountryCode;
  measure: MeasureIndex;
  status: StatusAt;
  statusLabel: StatusLabels;
}) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const openMeasure = useAppStore((s) => s.openMeasure);
  const status = st === 'unknown' ? t.statusUnknownAtDate : (statusLabel.get(st) ?? st);
  return (
    <li>
      <button
        type="button"
        className="matrix-cell"
        title={m.title[lang]}
        aria-label={fill(t.openMeasure, {
          title: m.title[lang],
          status,
          country: countryName(data, country, lang),
        })}
        onClick={() => openMeasure(country, m.id)}
      >
        {st === 'unknown' ? null : <span aria-hidden="true">{STATUS_SYMBOL[st]}</span>} {status}
      </button>
    </li>
  );
}

/** A country's measures of one type that exist at the month shown, each with its status then. */
function MatrixCell({
  country,
  measures,
  statusLabel,
}: {
  country: CountryCode;
  measures: { m: MeasureIndex; st: StatusAt }[];
  statusLabel: StatusLabels;
}) {
  const t = useStrings();
  return (
    <td>
      {measures.length === 0 ? (
        <span className="muted">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{t.overviewNone}</span>
        </span>
      ) : (
        <ul>
          {measures.map(({ m, st }) => (
            <MatrixItem key={m.id} country={country} measure={m} status={st} statusLabel={statusLabel} />
          ))}
        </ul>
      )}
    </td>
  );
}

/** One country's row: its name, then a cell per active type. */
function MatrixRow({
  country,
  types,
  statusLabel,
}: {
  country: CountryCode;
  types: MeasureType[];
  statusLabel: StatusLabels;
}) {
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const date = useAppStore((s) => s.date);
  const asOf = asOfMonth(data);
  const month = date ?? asOf;
  const measures = data.countries.find((x) => x.country === country)?.measures ?? [];
  // Measures that exist at the month shown, each with its status then.
  const atMonth = (type: MeasureType) =>
    measures
      .filter((m) => m.type === type.id)
      .flatMap((m) => {
        const st = measureAt(m, month, asOf, isFacilityType(data, m.type)).status;
        return st === null ? [] : [{ m, st }];
      });
  return (
    <tr>
      <th scope="row">{countryName(data, country, lang)}</th>
      {types.map((ty) => (
        <MatrixCell key={ty.id} country={country} measures={atMonth(ty)} statusLabel={statusLabel} />
      ))}
    </tr>
  );
}

export function OverviewMatrix() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const types = data.meta.types.filter((ty) => activeTypes.includes(ty.id));
  const statusLabel = new Map(data.meta.statuses.map((s) => [s.id, s.label[lang]]));

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll overview" aria-labelledby="overview-caption" tabIndex={0}>
      <table>
        <caption id="overview-caption">{t.overviewCaption}</caption>
        <thead>
          <tr>
            <td />
            {types.map((ty) => (
              <th key={ty.id} scope="col" style={{ '--type-colour': ty.colour } as React.CSSProperties}>
                {ty.label[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countryCodes(data).map((c) => (
            <MatrixRow key={c} country={c} types={types} statusLabel={statusLabel} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
