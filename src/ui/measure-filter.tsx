/**
 * One checkbox per measure type, with its count at the date shown, plus a reset. Contract: a fieldset whose legend
 * contains "measure type", each checkbox named by the type's English label. On narrow screens the
 * fieldset folds behind a one-line summary button (disclosure pattern) so the map is in the first
 * screen; opening it shows the same fieldset.
 */
import './measure-filter.css';
import { useId, useMemo, useState } from 'react';
import { formatCount, formatDate } from '../data/format.ts';
import { countsByType } from '../data/selectors.ts';
import { asOfMonth, type Month } from '../data/timeline.ts';
import type { MeasureTypeId } from '../data/vocabulary.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useNarrowOnceKnown } from './layout.ts';

/** On narrow screens: the one-line summary button that folds the fieldset (disclosure pattern). */
function FilterToggle({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  const data = usePolicyData();
  const t = useStrings();
  const k = useAppStore((s) => s.activeTypes.length);
  const n = data.meta.types.length;
  const allActive = k === n;
  const fill = (template: string) => template.replace('{k}', String(k)).replace('{n}', String(n));
  const summary = fill(allActive ? t.filterSummaryAll : t.filterSummarySome);
  const short = fill(allActive ? t.filterShortAll : t.filterShortSome);
  return (
    <button
      type="button"
      className="filter-toggle"
      aria-expanded={open}
      aria-controls={controls}
      aria-label={summary}
      onClick={onToggle}
    >
      {/* Short on screen (it shares a row with the date); the name says it in full and starts with it. */}
      {short}
      <span className="filter-toggle-icon" aria-hidden="true">
        {open ? '▴' : '▾'}
      </span>
    </button>
  );
}

/** One chip per type: a checkbox named by the type's label, its swatch and its count; then the reset. */
function FilterChips({ counts }: { counts: Record<MeasureTypeId, number> }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const toggleType = useAppStore((s) => s.toggleType);
  const resetTypes = useAppStore((s) => s.resetTypes);
  const active = new Set(activeTypes);
  return (
    <div className="filter-chips">
      {data.meta.types.map((type) => (
        <label key={type.id} className="chip" style={{ '--type-colour': type.colour } as React.CSSProperties}>
          <input
            type="checkbox"
            checked={active.has(type.id)}
            onChange={() => toggleType(type.id)}
            aria-describedby={`type-desc-${type.id}`}
          />
          <span className="chip-swatch" aria-hidden="true" />
          <span className="chip-label">{type.label[lang]}</span>
          <span className="chip-count" aria-hidden="true">
            {counts[type.id]}
          </span>
        </label>
      ))}
      <button
        type="button"
        className="filter-reset"
        onClick={resetTypes}
        disabled={activeTypes.length === data.meta.types.length}
      >
        {t.filterReset}
      </button>
    </div>
  );
}

/** Each type's count at the month and its description: the checkboxes' descriptions. */
function TypeDescriptions({ counts, month }: { counts: Record<MeasureTypeId, number>; month: Month }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <div hidden>
      {data.meta.types.map((type) => (
        <span key={type.id} id={`type-desc-${type.id}`}>
          {`${t.filterCountAt.replace('{count}', formatCount(counts[type.id] ?? 0, lang)).replace('{month}', formatDate(month, lang))}: ${type.description[lang]}`}
        </span>
      ))}
    </div>
  );
}

export function MeasureFilter() {
  const data = usePolicyData();
  const t = useStrings();
  // The counts follow the date, as the map, the list and the table do (issue 21, defect 6).
  const date = useAppStore((s) => s.date);
  const month = date ?? asOfMonth(data);
  const counts = useMemo(() => countsByType(data, month), [data, month]);
  // Folded on phones. While the prerendered page hydrates, the width is not known yet: both forms
  // are there and CSS shows the one for the width (measure-filter.css); the next render keeps it.
  const compact = useNarrowOnceKnown();
  const [open, setOpen] = useState(false);
  const id = useId();

  return (
    <div className="filter-wrap" data-compact={compact === null ? 'pending' : compact || undefined}>
      {compact !== false && <FilterToggle open={open} controls={id} onToggle={() => setOpen((o) => !o)} />}
      <fieldset className="filter" id={id} hidden={compact === true && !open}>
        <legend>{t.filterLegend}</legend>
        <FilterChips counts={counts} />
        {/* Descriptions live outside the labels so each checkbox is named by its type label alone. */}
        <TypeDescriptions counts={counts} month={month} />
      </fieldset>
    </div>
  );
}
