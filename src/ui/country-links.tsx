/**
 * A country's policy links at the date shown, both directions, newest first: who, when, what
 * happened and the numbered sources. In embeds the list opens on demand, like measure details.
 */
import './country-links.css';
import { linksOfCountry, linkTitle } from '../data/links.ts';
import { asOfMonth, type Month } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { LinkDetails } from './link-details.tsx';

interface Props {
  country: CountryCode;
  /** The month the panel shows (its own, deferred copy of the store's). */
  date: Month | null;
  onDemand?: boolean;
}

export function CountryLinks({ country, date, onDemand = false }: Props) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const links = linksOfCountry(data, country, date ?? asOfMonth(data));
  const list =
    links.length === 0 ? (
      <p className="muted">{t.linksNone}</p>
    ) : (
      <ul className="link-list">
        {links.map(({ link, ended }) => (
          <li key={link.id} className="link-item">
            <p>
              <strong>{linkTitle(data, link, lang)}</strong>
            </p>
            <LinkDetails link={link} state={{ ended }} quiet />
          </li>
        ))}
      </ul>
    );
  const headingId = `links-of-${country}`;
  return (
    <section className="panel-links" aria-labelledby={headingId}>
      {onDemand ? (
        <details>
          <summary className="section-summary">
            <h3 id={headingId} className="inline-heading">
              {t.linksHeading}
            </h3>
          </summary>
          {list}
        </details>
      ) : (
        <>
          <h3 id={headingId}>{t.linksHeading}</h3>
          {list}
        </>
      )}
    </section>
  );
}
