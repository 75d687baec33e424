/** Explains the map's colours: the sequential count scale and the hatch for "none". */
import { LEGEND_STEPS } from '../data/selectors.ts';
import { useStrings } from './data-context.ts';

export function Legend() {
  const t = useStrings();
  return (
    <figure className="legend">
      <figcaption>{t.legendTitle}</figcaption>
      <ul>
        <li>
          <span className="legend-swatch legend-none" aria-hidden="true" />
          {t.legendNone}
        </li>
        {LEGEND_STEPS.map((step) => (
          <li key={step.label}>
            <span className="legend-swatch" style={{ background: step.colour }} aria-hidden="true" />
            {step.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
