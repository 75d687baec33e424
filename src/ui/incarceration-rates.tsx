/**
 * Incarceration rates per 100,000 as a table with small bars (the bars are decoration; the table
 * is the text). Countries stay in the fixed country order, never sorted by value; every figure
 * carries its year and source, and the data's caveats are printed with it: years differ by country
 * and column, so countries must not be ranked across columns or years.
 */
import './incarceration-rates.css';
import { Fragment } from 'react';
import { formatDate, formatNumber } from '../data/format.ts';
import type { PolicyData } from '../data/policy-data.ts';
import { type IncarcerationRow, incarcerationRates, type Rate } from '../data/selectors.ts';
import { countryName } from '../data/story.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { Lang, StringKey, Strings } from '../i18n/strings.ts';
import { useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { WithFullData } from './with-full-data.tsx';

const COLUMNS: { key: 'wpb' | 'oasAllPersons' | 'oasAdults'; label: StringKey }[] = [
  { key: 'wpb', label: 'rateWpb' },
  { key: 'oasAllPersons', label: 'rateOasAll' },
  { key: 'oasAdults', label: 'rateOasAdults' },
];

function RateValue({ rate, t, lang, max }: { rate: Rate | null; t: Strings; lang: Lang; max?: number }) {
  if (rate === null) return <span className="muted">{t.ratesUnknown}</span>;
  return (
    <>
      {max !== undefined ? (
        <span className="rate-bar" aria-hidden="true" style={{ width: `${(rate.value / max) * 100}%` }} />
      ) : null}
      <strong>{formatNumber(rate.value, lang)}</strong>{' '}
      <span className="rate-year">({formatDate(rate.asOf, lang)})</span>{' '}
      {rate.sources.map((s, i) => (
        <Fragment key={s.n}>
          {i > 0 ? ' ' : null}
          <a href={s.url} target="_blank" rel="noopener noreferrer" className="rate-source">
            [{s.publisher}]<span className="visually-hidden"> {t.opensInNewTab}</span>
          </a>
        </Fragment>
      ))}
    </>
  );
}

/** The overview's table of every country's rates, once the records are here. */
export function IncarcerationRates() {
  return <WithFullData>{(data) => <RatesTable data={data} />}</WithFullData>;
}

function RatesTable({ data }: { data: PolicyData }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const { rows, caveats } = incarcerationRates(data);
  if (rows.length === 0) return null;
  const values = rows.flatMap((r) => COLUMNS.flatMap((c) => (r[c.key] ? [(r[c.key] as Rate).value] : [])));
  const max = Math.max(...values);
  return (
    <section className="rates" aria-labelledby="rates-title">
      <h2 id="rates-title">{t.ratesTitle}</h2>
      <p className="rates-intro">{t.ratesIntro}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="table-scroll" tabIndex={0} aria-labelledby="rates-caption">
        <table>
          <caption id="rates-caption">{t.ratesCaption}</caption>
          <thead>
            <tr>
              <td />
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col">
                  {t[c.label]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r: IncarcerationRow) => (
              <tr key={r.country}>
                <th scope="row">{countryName(data, r.country, lang)}</th>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="rate-cell">
                    <RateValue rate={r[c.key]} t={t} lang={lang} max={max} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h3 className="rates-caveats-title">{t.ratesCaveats}</h3>
      <ul className="rates-caveats">
        {caveats.map((c, i) => (
          <li key={i}>{c[lang]}</li>
        ))}
      </ul>
    </section>
  );
}

interface CountryRatesProps {
  country: CountryCode;
  /** Embeds: the rates open on demand, like measure details. */
  onDemand?: boolean;
}

/**
 * A country's rates in its panel, each with its year and source, once the records are here (until
 * then the panel says so once, beside its measures).
 */
export function CountryRates(props: CountryRatesProps) {
  return <WithFullData quiet>{(data) => <PanelRates data={data} {...props} />}</WithFullData>;
}

function PanelRates({ data, country, onDemand = false }: CountryRatesProps & { data: PolicyData }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const row = incarcerationRates(data).rows.find((r) => r.country === country);
  if (!row || COLUMNS.every((c) => row[c.key] === null)) return null;
  const heading = (
    <>
      {t.ratesPanel} <span className="muted">({t.perHundredThousand})</span>
    </>
  );
  const list = (
    <ul>
      {COLUMNS.filter((c) => row[c.key] !== null).map((c) => (
        <li key={c.key}>
          {t[c.label]}: <RateValue rate={row[c.key]} t={t} lang={lang} />
        </li>
      ))}
    </ul>
  );
  return (
    <div className="panel-rates">
      {onDemand ? (
        <details>
          <summary className="section-summary">
            <h3 className="inline-heading">{heading}</h3>
          </summary>
          {list}
        </details>
      ) : (
        <>
          <h3>{heading}</h3>
          {list}
        </>
      )}
    </div>
  );
}
