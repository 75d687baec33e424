/**
 * The selected country's record. Contract: an <aside> landmark named after the country with an
 * h2 of its name; each measure is an <article> headed by its title; sources are https links.
 * With no country selected it shows a short hint (the panel column never jumps on wide screens).
 */
import './country-panel.css';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { formatCount, inSentence } from '../data/format.ts';
import type { CountryIndex, MeasureIndex, PolicyIndex } from '../data/policy-index.ts';
import type { MeasureType } from '../data/schema.ts';
import { groupByType, measuresComingLater } from '../data/selectors.ts';
import { countryName, isFacilityType } from '../data/story.ts';
import { asOfMonth, type MeasureAtMonth, type Month, measureAt } from '../data/timeline.ts';
import type { CountryCode, MeasureTypeId } from '../data/vocabulary.ts';
import { fill } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { type AppState, useAppStore, useAppStoreApi } from '../state/store.ts';
import { CountryLinks } from './country-links.tsx';
import { countryButtonId } from './country-list.tsx';
import { CountryTimeline } from './country-timeline.tsx';
import { CountryRates } from './incarceration-rates.tsx';
import { NARROW_QUERY } from './layout.ts';
import { MeasureArticle, measureHeadingId } from './measure-article.tsx';
import { StoryStepper } from './story-stepper.tsx';
import { useMediaQuery } from './use-media-query.ts';
import { useSheetHeight } from './use-sheet-height.ts';
import { WithFullData } from './with-full-data.tsx';

/** Vertical drag (CSS px) on the handle that counts as a swipe. */
const SWIPE = 30;

interface Props {
  /**
   * Allow the phone bottom sheet. Off in embeds: inside an iframe as tall as its content, "fixed"
   * means the bottom of the whole embed, so the panel opens in the flow below the map instead.
   */
  sheet?: boolean;
  /** Embeds: each measure's details open on demand (see MeasureArticle). */
  detailsOnDemand?: boolean;
}

/**
 * Measures of one type shown at first: a story with hundreds of measures per country (the bench's
 * synthetic one has 300) would otherwise build hundreds of articles on every click. The shipped
 * story has at most a handful per type, so it never shows the button.
 */
export const GROUP_LIMIT = 12;

function TypeGroup({
  type,
  ids,
  target,
  children,
}: {
  type: MeasureType;
  /** The group's measure ids, in the order of `children` (one article each). */
  ids: string[];
  /** The measure the reader opened from the table or the overview: its group shows in full. */
  target: string | null;
  children: React.ReactNode[];
}) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const [all, setAll] = useState(false);
  const count = ids.length;
  const full = all || count <= GROUP_LIMIT || (target !== null && ids.includes(target));
  return (
    <section className="type-group" aria-labelledby={`group-${type.id}`}>
      <h3 id={`group-${type.id}`} style={{ '--type-colour': type.colour } as React.CSSProperties}>
        {type.label[lang]}
      </h3>
      {full ? children : children.slice(0, GROUP_LIMIT)}
      {full ? null : (
        <button type="button" className="link-button group-more" onClick={() => setAll(true)}>
          {fill(t.groupShowAll, { count: formatCount(count, lang), type: inSentence(type.label[lang], lang) })}
        </button>
      )}
    </section>
  );
}

/** Deselects the country and gives focus back to its button (the keyboard path back). */
function closeCountry(select: (country: null) => void, country: CountryCode | null) {
  select(null);
  if (country) document.getElementById(countryButtonId(country))?.focus();
}

/**
 * A click on a country, a filter or a date step paints on the map, its labels and the country
 * buttons first; the panel follows in the next frame (React renders it as a deferred update, so a
 * country with many measures never holds back the feedback).
 */
export function CountryPanel(props: Props) {
  const store = useAppStoreApi();
  // Esc closes the panel from anywhere in the page, except while a dialog is open: that Esc is
  // the dialog's (the browser closes a modal <dialog> after this keydown has run). Registered once
  // and reading the store, so it works from the moment a country is selected, before the panel
  // (a deferred render) has followed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { selected, select } = store.getState();
      if (!selected || e.key !== 'Escape' || e.defaultPrevented) return;
      const inDialog = e.target instanceof Element && e.target.closest('dialog') !== null;
      if (!inDialog && !document.querySelector('dialog[open]')) closeCountry(select, selected);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  const view = {
    selected: useDeferredValue(useAppStore((s) => s.selected)),
    measure: useDeferredValue(useAppStore((s) => s.measure)),
    activeTypes: useDeferredValue(useAppStore((s) => s.activeTypes)),
    date: useDeferredValue(useAppStore((s) => s.date)),
  };
  return <Panel {...props} {...view} />;
}

type PanelProps = Props & Pick<AppState, 'selected' | 'measure' | 'activeTypes' | 'date'>;

/** Whether a measure is there at the month: it exists, or it is pending (year known, month not). */
function presentAt(data: PolicyIndex, m: MeasureIndex, month: Month, asOf: Month): MeasureAtMonth | null {
  const at = measureAt(m, month, asOf, isFacilityType(data, m.type));
  return at.presence === 'exists' || at.presence === 'pending' ? at : null;
}

/** Measures of the active types that exist at the month, plus those pending (year known, month not). */
function useShownMeasures(file: CountryIndex | undefined, activeTypes: readonly MeasureTypeId[], month: Month) {
  const data = usePolicyData();
  const shown = useMemo(() => {
    const asOf = asOfMonth(data);
    const active = new Set(activeTypes);
    return (file?.measures ?? []).flatMap((m) => {
      if (!active.has(m.type)) return [];
      const at = presentAt(data, m, month, asOf);
      return at ? [{ m, at }] : [];
    });
  }, [data, file, activeTypes, month]);
  const measures = useMemo(() => shown.map((x) => x.m), [shown]);
  const atById = useMemo(() => new Map<string, MeasureAtMonth>(shown.map((x) => [x.m.id, x.at])), [shown]);
  const existing = shown.filter((x) => x.at.exists).length;
  return { measures, atById, existing };
}

/** Measures of the active types that come after the month (the pending ones already show). */
function useLaterCount(selected: CountryCode | null, activeTypes: readonly MeasureTypeId[], month: Month) {
  const data = usePolicyData();
  return useMemo(() => {
    if (!selected) return 0;
    const c = measuresComingLater(data, selected, activeTypes, month);
    return c.total - c.pending;
  }, [data, selected, activeTypes, month]);
}

/** Whether any measure of the country, of any type, is there at the month ("Show all types" would help). */
function useAnyAtMonth(file: CountryIndex | undefined, month: Month) {
  const data = usePolicyData();
  return useMemo(() => {
    const asOf = asOfMonth(data);
    return (file?.measures ?? []).some((m) => presentAt(data, m, month, asOf) !== null);
  }, [data, file, month]);
}

/** The phone bottom sheet: expanded or not, and its handle's tap and swipe gestures. */
function useSheet(close: () => void) {
  const [expanded, setExpanded] = useState(false);
  const dragStart = useRef<number | null>(null);
  /** Set when a swipe already acted, so the click that follows it does not toggle back. */
  const swiped = useRef(false);
  const onPointerUp = (e: React.PointerEvent) => {
    const start = dragStart.current;
    dragStart.current = null;
    if (start === null) return;
    const dy = e.clientY - start;
    if (Math.abs(dy) <= SWIPE) return; // a tap: the click handler toggles
    swiped.current = true;
    if (dy < 0) setExpanded(true);
    else if (expanded) setExpanded(false);
    else close();
  };
  const handle: SheetHandlers = {
    onPointerDown: (e) => {
      dragStart.current = e.clientY;
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerUp,
    onPointerCancel: () => {
      dragStart.current = null;
    },
    onClick: () => {
      if (swiped.current) swiped.current = false;
      else setExpanded((x) => !x);
    },
  };
  return { expanded, setExpanded, handle };
}

type SheetHandlers = Pick<
  React.ButtonHTMLAttributes<HTMLButtonElement>,
  'onPointerDown' | 'onPointerUp' | 'onPointerCancel' | 'onClick'
>;

/** Moves focus to the heading (or the opened measure) so keyboard and screen-reader users land in it. */
function usePanelFocus(
  selected: CountryCode | null,
  measure: string | null,
  headingRef: React.RefObject<HTMLHeadingElement | null>,
  setExpanded: (expanded: boolean) => void,
) {
  const store = useAppStoreApi();
  useEffect(() => {
    if (!selected) return;
    setExpanded(false);
    // A story step opened it: the reader is reading the step (or the host page scrolled it), so
    // focus stays where it is and the panel shows its top, where the step is; nothing scrolls the page.
    if (store.getState().step !== null) {
      document.getElementById('country-panel-body')?.scrollTo?.({ top: 0 });
      return;
    }
    const target = measure ? document.getElementById(measureHeadingId(measure)) : headingRef.current;
    target?.focus({ preventScroll: true });
    if (measure || !window.matchMedia?.('(min-width: 900px)').matches) target?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, measure, headingRef, setExpanded, store]);
}

function SheetHandle({ expanded, handlers }: { expanded: boolean; handlers: SheetHandlers }) {
  const t = useStrings();
  return (
    <button
      type="button"
      className="sheet-handle"
      aria-expanded={expanded}
      aria-controls="country-panel-body"
      {...handlers}
    >
      <span className="sheet-grip" aria-hidden="true" />
      <span className="visually-hidden">{expanded ? t.sheetCollapse : t.sheetExpand}</span>
    </button>
  );
}

function PanelHeader({
  name,
  headingRef,
  onClose,
}: {
  name: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onClose: () => void;
}) {
  const t = useStrings();
  return (
    <header className="panel-header">
      <h2 id="panel-heading" ref={headingRef} tabIndex={-1}>
        {name}
      </h2>
      <button type="button" className="panel-close" onClick={onClose} aria-label={`${t.panelClose} ${name}`}>
        <span aria-hidden="true">✕</span>
      </button>
    </header>
  );
}

/** "n" or "shown / n" measures, and how many more come after the month. */
function PanelCount({ existing, total, later }: { existing: number; total: number; later: number }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <>
      <p className="panel-count">
        {existing === total ? formatCount(total, lang) : `${existing} / ${formatCount(total, lang)}`}
      </p>
      {later > 0 ? <p className="panel-later">{fill(t.comingLater, { count: formatCount(later, lang) })}</p> : null}
    </>
  );
}

interface MeasureGroupsProps {
  selected: CountryCode;
  groups: { type: MeasureType; measures: MeasureIndex[] }[];
  measure: string | null;
  atById: Map<string, MeasureAtMonth>;
  date: Month | null;
  detailsOnDemand: boolean;
}

/** The shown measures by type, each an article built from the full records. */
function MeasureGroups({ selected, groups, measure, atById, date, detailsOnDemand }: MeasureGroupsProps) {
  return (
    <WithFullData>
      {(full) => {
        const records = new Map(
          (full.countries.find((c) => c.country === selected)?.measures ?? []).map((m) => [m.id, m]),
        );
        return groups.map((g) => (
          // Keyed by country too: a group opened in full closes again for the next country.
          <TypeGroup key={`${selected}-${g.type.id}`} type={g.type} ids={g.measures.map((m) => m.id)} target={measure}>
            {g.measures.flatMap((m) => {
              const record = records.get(m.id);
              return record
                ? [
                    <MeasureArticle
                      key={m.id}
                      measure={record}
                      at={atById.get(m.id)}
                      past={date !== null}
                      detailsOnDemand={detailsOnDemand}
                    />,
                  ]
                : [];
            })}
          </TypeGroup>
        ));
      }}
    </WithFullData>
  );
}

/** The measure groups, or why there are none: nothing recorded, nothing yet, or the filter. */
function PanelMeasures({ total, anyAtMonth, ...props }: MeasureGroupsProps & { total: number; anyAtMonth: boolean }) {
  const t = useStrings();
  const resetTypes = useAppStore((s) => s.resetTypes);
  if (props.groups.length > 0) return <MeasureGroups {...props} />;
  if (total === 0) return <p className="panel-none">{t.noneRecorded}</p>;
  // Nothing of any type yet: the filter is not why the panel is empty.
  if (!anyAtMonth) return <p className="panel-none">{t.noneAtDate}</p>;
  return (
    <p className="panel-none">
      {t.noMatching}{' '}
      <button type="button" className="link-button" onClick={resetTypes}>
        {t.filterReset}
      </button>
    </p>
  );
}

/** No country selected: a short hint (the panel column never jumps on wide screens). */
function EmptyPanel() {
  const t = useStrings();
  return (
    <aside className="panel panel-empty" aria-label={t.panelEmptyLabel}>
      <StoryStepper place="empty-panel" />
      <p>{t.selectHint}</p>
    </aside>
  );
}

const Panel = memo(function Panel({
  sheet: allowSheet = true,
  detailsOnDemand = false,
  selected,
  measure,
  activeTypes,
  date,
}: PanelProps) {
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  const select = useAppStore((s) => s.select);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sheet = useMediaQuery(NARROW_QUERY) && allowSheet;
  const file = data.countries.find((c) => c.country === selected);
  const month = date ?? asOfMonth(data);
  const { measures, atById, existing } = useShownMeasures(file, activeTypes, month);
  const later = useLaterCount(selected, activeTypes, month);
  const anyAtMonth = useAnyAtMonth(file, month);
  /** Closes the panel and gives focus back to the country's button (the keyboard path). */
  const close = useCallback(() => closeCountry(select, selected), [select, selected]);
  const { expanded, setExpanded, handle } = useSheet(close);
  usePanelFocus(selected, measure, headingRef, setExpanded);
  const sheetRef = useRef<HTMLElement>(null);
  useSheetHeight(sheetRef, sheet && Boolean(selected && file));

  if (!selected || !file) return <EmptyPanel />;

  const name = countryName(data, selected, lang);
  const total = file.measures.length;
  const groups = groupByType(measures, data.meta.types);
  return (
    <aside
      ref={sheetRef}
      className={sheet ? 'panel panel-sheet' : 'panel'}
      data-expanded={sheet ? expanded : undefined}
      id="country-panel"
      aria-labelledby="panel-heading"
    >
      {sheet && <SheetHandle expanded={expanded} handlers={handle} />}
      <div className="panel-body" id="country-panel-body">
        <StoryStepper place="panel" />
        <PanelHeader name={name} headingRef={headingRef} onClose={close} />
        <PanelCount existing={existing} total={total} later={later} />
        <p className="panel-summary">{file.summary[lang]}</p>
        <CountryRates country={selected} onDemand={detailsOnDemand} />
        <CountryTimeline country={selected} date={date} activeTypes={activeTypes} onDemand={detailsOnDemand} />
        <PanelMeasures {...{ selected, groups, measure, atById, date, detailsOnDemand, total, anyAtMonth }} />
        <CountryLinks country={selected} date={date} onDemand={detailsOnDemand} />
      </div>
    </aside>
  );
});
