/**
 * The story's countries as buttons ("El Salvador, 4 measures"): the keyboard and screen-reader path to
 * every country, and the map's key. Contract: each accessible name starts with the English name.
 */
import './country-list.css';
import { formatCount } from '../data/format.ts';
import { colourByCountry } from '../data/selectors.ts';
import { countryCodes, countryName } from '../data/story.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';

function CountryButton({ country, count, colour }: { country: CountryCode; count: number; colour: string | null }) {
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const isSelected = useAppStore((s) => s.selected === country);
  const isHovered = useAppStore((s) => s.hovered === country);
  const select = useAppStore((s) => s.select);
  const hover = useAppStore((s) => s.hover);
  return (
    <li>
      <button
        type="button"
        className="country-button"
        aria-pressed={isSelected}
        aria-controls={isSelected ? 'country-panel' : undefined}
        data-country={country}
        data-hovered={isHovered || undefined}
        id={countryButtonId(country)}
        onClick={() => select(isSelected ? null : country)}
        onPointerEnter={() => hover(country)}
        onPointerLeave={() => hover(null)}
      >
        <span
          className={colour ? 'country-swatch' : 'country-swatch country-swatch-none'}
          style={colour ? { background: colour } : undefined}
          aria-hidden="true"
        />
        <span className="country-name">{countryName(data, country, lang)}</span>
        {/* The name reads "El Salvador, 4 measures": the comma is for the ear only. */}
        <span className="visually-hidden">,</span> <span className="country-count">{formatCount(count, lang)}</span>
      </button>
    </li>
  );
}

/** Id of a country's button, so closing the panel can give focus back to it. */
export const countryButtonId = (country: CountryCode) => `country-button-${country}`;

/** Target of the skip link that jumps past the map. */
export const COUNTRY_LIST_ID = 'country-list';

/** Arrow keys (and Home/End) move focus between the country buttons; each also stays in the Tab order. */
function onArrowKeys(e: React.KeyboardEvent<HTMLElement>) {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.country-button')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  const to =
    e.key === 'ArrowRight' || e.key === 'ArrowDown'
      ? (i + 1) % buttons.length
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
        ? (i + buttons.length - 1) % buttons.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? buttons.length - 1
            : -1;
  if (to < 0) return;
  e.preventDefault();
  buttons[to]?.focus();
}

export function CountryList() {
  const t = useStrings();
  const data = usePolicyData();
  const counts = useMatchingCounts();
  const colours = colourByCountry(counts, useResolvedTheme());
  return (
    <nav
      className="country-list"
      aria-label={t.countriesLabel}
      id={COUNTRY_LIST_ID}
      tabIndex={-1}
      onKeyDown={onArrowKeys}
    >
      <ul>
        {countryCodes(data).map((c) => (
          <CountryButton key={c} country={c} count={counts[c] ?? 0} colour={colours[c] ?? null} />
        ))}
      </ul>
    </nav>
  );
}
