/**
 * Countries × measure types. Each cell lists that country's measures of that type by status, in
 * words with a symbol; activating one opens the measure in the map view's panel.
 */

import { countryCodes, countryName, isFacilityType } from '../data/story.ts';
import { asOfMonth, measureAt, type StatusAt } from '../data/timeline.ts';
import { fill } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { STATUS_SYMBOL } from './measure-article.tsx';

export function OverviewMatrix() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const openMeasure = useAppStore((s) => s.openMeasure);
  const date = useAppStore((s) => s.date);
  const asOf = asOfMonth(data);
  const month = date ?? asOf;
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
          {countryCodes(data).map((c) => {
            const measures = data.countries.find((x) => x.country === c)?.measures ?? [];
            return (
              <tr key={c}>
                <th scope="row">{countryName(data, c, lang)}</th>
                {types.map((ty) => {
                  // Measures that exist at the month shown, each with its status then.
                  const here = measures
                    .filter((m) => m.type === ty.id)
                    .flatMap((m) => {
                      const st = measureAt(m, month, asOf, isFacilityType(data, m.type)).status;
                      return st === null ? [] : [{ m, st }];
                    });
                  return (
                    <td key={ty.id}>
                      {here.length === 0 ? (
                        <span className="muted">
                          <span aria-hidden="true">–</span>
                          <span className="visually-hidden">{t.overviewNone}</span>
                        </span>
                      ) : (
                        <ul>
                          {here.map(({ m, st }: { m: (typeof measures)[number]; st: StatusAt }) => {
                            const status = st === 'unknown' ? t.statusUnknownAtDate : (statusLabel.get(st) ?? st);
                            return (
                              <li key={m.id}>
                                <button
                                  type="button"
                                  className="matrix-cell"
                                  title={m.title[lang]}
                                  aria-label={fill(t.openMeasure, {
                                    title: m.title[lang],
                                    status,
                                    country: countryName(data, c, lang),
                                  })}
                                  onClick={() => openMeasure(c, m.id)}
                                >
                                  {st === 'unknown' ? null : <span aria-hidden="true">{STATUS_SYMBOL[st]}</span>}{' '}
                                  {status}
                                </button>
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
