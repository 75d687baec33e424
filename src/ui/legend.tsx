/** Explains the map's colours: the sequential count scale and the hatch for "none". */
import { legendSteps } from '../data/selectors.ts';
import { MEASURE_TYPES } from '../data/vocabulary.ts';
import { useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';

export function Legend() {
  const t = useStrings();
  const theme = useResolvedTheme();
  const active = useAppStore((s) => s.activeTypes.length);
  const scope =
    active === MEASURE_TYPES.length
      ? t.legendAllTypes
      : t.legendSomeTypes.replace('{n}', String(active)).replace('{total}', String(MEASURE_TYPES.length));
  return (
    <figure className="legend">
      <figcaption>
        {t.legendTitle} <span className="legend-scope">({scope})</span>
      </figcaption>
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
    </figure>
  );
}
