/**
 * Explains the map: the sequential count scale, the hatch for "none", the prison symbols' sizes
 * (two reference capacities) and styles, and, while they are shown, the policy links' arrows.
 */
import './legend.css';
import { facilityScale } from '../data/facilities.ts';
import { formatNumber } from '../data/format.ts';
import { legendSteps } from '../data/selectors.ts';
import { linkKindList } from '../data/story.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import { LinksToggle } from './links-toggle.tsx';

/** The sequential count scale, after the hatch for "none". */
function CountScale() {
  const t = useStrings();
  const theme = useResolvedTheme();
  return (
    <ul>
      <li>
        <span className="legend-swatch legend-none" aria-hidden="true" />
        {t.legendNone}
      </li>
      {legendSteps(theme).map((step) => (
        <li key={step.label}>
          <span className="legend-swatch" style={{ background: step.colour }} aria-hidden="true" />
          {step.label}
        </li>
      ))}
    </ul>
  );
}

/** The prison symbols' sizes (two reference capacities) and styles; none without a capacity in the story. */
function FacilityKey() {
  const t = useStrings();
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  // No prison with a capacity in the story (or none at all): no size key.
  const scale = facilityScale(data);
  if (scale.legend.length === 0) return null;
  return (
    <p className="legend-facilities">
      <span>{data.story.facilityLegend[lang]}</span>
      {scale.legend.map((n) => (
        <span key={n} className="legend-facility-size">
          <span
            className="legend-facility"
            data-operating
            style={{ '--r': `${scale.radius(n)}px` } as React.CSSProperties}
            aria-hidden="true"
          />{' '}
          {t.legendPlaces.replace('{n}', formatNumber(n, lang))}
        </span>
      ))}
      <span>{t.legendFacilityStatus}</span>
    </p>
  );
}

/** The links' switch and, while they are shown, their arrow and kinds. */
function LinksKey() {
  const t = useStrings();
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const links = useAppStore((s) => s.links);
  return (
    <div className="legend-links">
      <LinksToggle />
      {links ? (
        <>
          <svg viewBox="0 0 40 18" aria-hidden="true" className="map-link-arcs legend-link-sample">
            <path d="M2,15 Q20,1 37,13" />
            <path d="M31,9 L38,13.5 L30.5,15.5 z" className="legend-arrowhead" />
          </svg>
          <span>{t.legendLinks.replace('{kinds}', linkKindList(data, lang))}</span>
        </>
      ) : null}
    </div>
  );
}

export function Legend() {
  const t = useStrings();
  const active = useAppStore((s) => s.activeTypes.length);
  const total = useAppStore((s) => s.allTypes.length);
  const scope =
    active === total
      ? t.legendAllTypes
      : t.legendSomeTypes.replace('{n}', String(active)).replace('{total}', String(total));
  return (
    <figure className="legend">
      <figcaption>
        {t.legendTitle} <span className="legend-scope">({scope})</span>
      </figcaption>
      <CountScale />
      <FacilityKey />
      <LinksKey />
    </figure>
  );
}
