/**
 * Explains the map: the sequential count scale, the hatch for "none", the prison symbols' sizes
 * (two reference capacities) and styles, and, while they are shown, the policy links: one arc per
 * pair of places with the number of their links, and, in a story step, how its links stand out.
 */
import './legend.css';
import { facilityScale } from '../data/facilities.ts';
import { formatNumber } from '../data/format.ts';
import { legendSteps } from '../data/selectors.ts';
import { linkKindList } from '../data/story.ts';
import { legendScope } from '../i18n/strings.ts';
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

/**
 * The links' switch and, while they are shown, a sample arc with its number and arrowhead, their
 * kinds and, while a story step is shown, that its links are drawn in full and the others faded.
 */
function LinksKey() {
  const t = useStrings();
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const links = useAppStore((s) => s.links);
  const step = useAppStore((s) => s.step);
  return (
    <div className="legend-links">
      <LinksToggle />
      {links ? (
        <>
          <svg viewBox="0 0 40 18" aria-hidden="true" className="map-link-arcs legend-link-sample">
            <path d="M2,15 Q20,1 37,13" />
            <path d="M31,9 L38,13.5 L30.5,15.5 z" className="legend-arrowhead" />
            <circle cx="19.5" cy="8" r="6.5" className="legend-link-count" />
            <text x="19.5" y="11" className="legend-link-count-text">
              2
            </text>
          </svg>
          <span>{t.legendLinks.replace('{kinds}', linkKindList(data, lang))}</span>
          {step !== null ? <span className="legend-emphasis">{t.storyEmphasis}</span> : null}
        </>
      ) : null}
    </div>
  );
}

export function Legend() {
  const t = useStrings();
  const active = useAppStore((s) => s.activeTypes.length);
  const total = useAppStore((s) => s.allTypes.length);
  const scope = legendScope(t, active, total);
  return (
    <figure className="legend" aria-labelledby="legend-caption">
      <figcaption id="legend-caption">
        {t.legendTitle} <span className="legend-scope">({scope})</span>
      </figcaption>
      <CountScale />
      <FacilityKey />
      <LinksKey />
    </figure>
  );
}
