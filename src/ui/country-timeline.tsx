/**
 * A country's timeline in its panel (issue 18 §5): "when did each country move", at a glance. One
 * row per measure, a thin line while it is announced, a thick bar while it runs, a mark per dated
 * step; its policy links in a row of their own; a vertical rule at the slider's month.
 *
 * Drawn in SVG with percentages (a d3 scale maps months to 0–100 %), so it fits any width with no
 * measuring. Dates keep their precision (src/data/country-timeline.ts): a year-only date is a faded
 * span over its year, an unknown one is not drawn but said. Each row is a button named by the
 * measure and its dates in words: it scrolls the panel to the measure's article and focuses it.
 * A row whose article is not in the panel — its type is filtered out (the row is dimmed) or it comes
 * after the slider's month — first turns its type back on, or moves the date to its first month.
 * The visually hidden text after the chart says everything the chart shows, in words.
 */
import './country-timeline.css';
import { scaleLinear } from 'd3-scale';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  countryTimeline,
  linksInWords,
  rowDates,
  rowEvents,
  ruleAt,
  type Span,
  type CountryTimeline as Timeline,
  type TimelineMark,
  type TimelineRow,
} from '../data/country-timeline.ts';
import { formatCount, formatDate } from '../data/format.ts';
import type { PolicyIndex } from '../data/policy-index.ts';
import type { PartialDate, Text } from '../data/schema.ts';
import { isFacilityType } from '../data/story.ts';
import { asOfMonth, dateRange, type Month, measureAt } from '../data/timeline.ts';
import type { CountryCode, MeasureTypeId } from '../data/vocabulary.ts';
import { fill, type Lang, type Strings } from '../i18n/strings.ts';
import { useFullData, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore, useAppStoreApi } from '../state/store.ts';
import { measureHeadingId } from './measure-article.tsx';

interface Props {
  country: CountryCode;
  /** The month the panel shows (its deferred copy of the store's; null = "as of"). */
  date: Month | null;
  /** The panel's (deferred) active types: rows of the others are dimmed. */
  activeTypes: readonly MeasureTypeId[];
  /** Embeds: the figure opens on demand, like the panel's links (issue 7: an embed stays short). */
  onDemand?: boolean;
}

/** Maps a position (months since year 0) to a percentage of the plot's width. */
type X = (v: number) => number;

/** The track's height and its lanes (CSS px): the steps' marks above, the bar below. */
const TRACK = 20;
const BAR_Y = 13;
const STEP_Y = 1;

/**
 * Rows shown at first: the shipped story has at most five a country; a synthetic one with hundreds
 * would make the panel thousands of pixels tall before its measures.
 */
export const ROW_LIMIT = 24;

const pct = (v: number) => `${v.toFixed(2)}%`;

/** Each measure's timeline from the full records, once they are here. */
function useEvents(country: CountryCode) {
  const full = useFullData();
  return useMemo(() => {
    if (full.status !== 'ready') return undefined;
    const file = full.data.countries.find((c) => c.country === country);
    return new Map<string, { date: PartialDate; text: Text }[]>((file?.measures ?? []).map((m) => [m.id, m.timeline]));
  }, [full, country]);
}

/** The ids of the country's measures the panel shows at `month` (they exist, or are pending, then). */
function idsAt(data: PolicyIndex, country: CountryCode, month: Month): Set<string> {
  const asOf = asOfMonth(data);
  const measures = data.countries.find((c) => c.country === country)?.measures ?? [];
  return new Set(
    measures
      .filter((m) => {
        const p = measureAt(m, month, asOf, isFacilityType(data, m.type)).presence;
        return p === 'exists' || p === 'pending';
      })
      .map((m) => m.id),
  );
}

/** Focuses a measure's heading and scrolls its article to the top of the panel. */
function focusHeading(el: HTMLElement) {
  el.focus({ preventScroll: true });
  el.scrollIntoView?.({ block: 'start' });
}

/**
 * A row's action: scroll to and focus its article; when the article is not in the panel, first
 * show its type and move the date to the month it appears, then focus it once the panel has it.
 */
function useOpenRow(country: CountryCode, shownAt: Set<string>) {
  const store = useAppStoreApi();
  const data = usePolicyData();
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // After each render: the panel renders the article in the same commit as this figure.
  useEffect(() => {
    const id = pending.current;
    const el = id ? document.getElementById(measureHeadingId(id)) : null;
    if (!el) return;
    pending.current = null;
    focusHeading(el);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (row: TimelineRow) => {
      const el = document.getElementById(measureHeadingId(row.id));
      if (el) return focusHeading(el);
      const s = store.getState();
      if (!s.activeTypes.includes(row.type)) s.setTypes([...s.activeTypes, row.type]);
      if (!shownAt.has(row.id)) s.setDate(targetMonth(data, row));
      s.openMeasure(country, row.id);
      pending.current = row.id;
      // Give up if it never shows (the records failed): a later render must not steal the focus.
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        pending.current = null;
      }, 3000);
    },
    [store, data, country, shownAt],
  );
}

/** The month a row's measure first shows in the panel; null ("as of") for an undated one. */
function targetMonth(data: PolicyIndex, row: TimelineRow): Month | null {
  const { first, last } = dateRange(data);
  if (row.firstMonth === null || row.firstMonth >= last) return null;
  if (row.firstMonth < first) return first;
  return row.firstMonth;
}

/** Each of the country's measures' current status, as a label in the reader's language. */
function useStatusLabels(country: CountryCode): Map<string, string> {
  const data = usePolicyData();
  const lang = useAppStore((s) => s.lang);
  return useMemo(() => {
    const labels = new Map(data.meta.statuses.map((s) => [s.id, s.label[lang]]));
    const measures = data.countries.find((c) => c.country === country)?.measures ?? [];
    return new Map(measures.map((m) => [m.id, labels.get(m.status.value) ?? '']));
  }, [data, country, lang]);
}

export function CountryTimeline({ onDemand = false, ...props }: Props) {
  const t = useStrings();
  if (!onDemand) return <TimelineFigure {...props} />;
  return (
    <details className="ct-details">
      <summary className="section-summary">
        <span className="ct-summary">{t.timelineFigure}</span>
      </summary>
      <TimelineFigure {...props} captionHidden />
    </details>
  );
}

function TimelineFigure({ country, date, activeTypes, captionHidden = false }: Props & { captionHidden?: boolean }) {
  const data = usePolicyData();
  const t = useStrings();
  const events = useEvents(country);
  const timeline = useMemo(() => countryTimeline(data, country, events), [data, country, events]);
  const x = useMemo(() => scaleLinear().domain(timeline.domain).range([0, 100]).clamp(true), [timeline.domain]);
  const month = date ?? asOfMonth(data);
  const shownAt = useMemo(() => idsAt(data, country, month), [data, country, month]);
  const open = useOpenRow(country, shownAt);
  const statuses = useStatusLabels(country);
  const lang = useAppStore((s) => s.lang);
  const [all, setAll] = useState(false);
  const captionId = `timeline-${country}`;
  const active = new Set(activeTypes);
  const rows = all ? timeline.rows : timeline.rows.slice(0, ROW_LIMIT);
  return (
    <figure className="country-timeline" aria-labelledby={captionId}>
      <figcaption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
        {t.timelineFigure}
      </figcaption>
      <div className="ct-plot">
        <Axis ticks={timeline.ticks} x={x} />
        <ol className="ct-rows">
          {rows.map((row) => (
            <li key={row.id}>
              <Row
                {...{ row, x, ticks: timeline.ticks, domain: timeline.domain, onOpen: open }}
                status={statuses.get(row.id) ?? ''}
                filtered={!active.has(row.type)}
                later={!shownAt.has(row.id)}
              />
            </li>
          ))}
        </ol>
        <LinksRow timeline={timeline} x={x} />
        <span className="ct-rule" style={{ left: pct(x(ruleAt(month))) }} aria-hidden="true" />
      </div>
      {rows.length < timeline.rows.length ? (
        <button type="button" className="link-button ct-more" onClick={() => setAll(true)}>
          {fill(t.timelineShowAll, { count: formatCount(timeline.rows.length, lang) })}
        </button>
      ) : null}
      <Key />
      <TextAlternative timeline={timeline} month={month} statuses={statuses} />
    </figure>
  );
}

/** The year labels above the rows. */
function Axis({ ticks, x }: { ticks: Timeline['ticks']; x: X }) {
  return (
    <svg className="ct-axis" width="100%" height="16" aria-hidden="true" focusable="false">
      {ticks.map((tick) => (
        <g key={tick.year}>
          <line className="ct-tick" x1={pct(x(tick.at))} x2={pct(x(tick.at))} y1="11" y2="16" />
          <text x={pct(x(tick.at))} y="9" textAnchor="middle">
            {tick.year}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The measure's row: its label above a track, a button that opens its article. */
function Row(props: {
  row: TimelineRow;
  x: X;
  ticks: Timeline['ticks'];
  domain: Timeline['domain'];
  /** The label of its current status. */
  status: string;
  filtered: boolean;
  later: boolean;
  onOpen: (row: TimelineRow) => void;
}) {
  const { row, x, ticks, domain, status, filtered, later, onOpen } = props;
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const colour = data.meta.types.find((ty) => ty.id === row.type)?.colour;
  const name = `${row.title[lang]}: ${rowDates(row, lang, status)}${filtered ? `; ${t.timelineFiltered}` : ''}`;
  const hint = rowHint(data, row, { filtered, later }, t, lang);
  const hintId = `ct-hint-${row.id}`;
  return (
    <button
      type="button"
      className="ct-row"
      data-filtered={filtered || undefined}
      aria-label={name}
      aria-describedby={hint ? hintId : undefined}
      style={{ '--type-colour': colour } as React.CSSProperties}
      onClick={() => onOpen(row)}
    >
      <span className="ct-label">
        <span className="ct-title" title={row.title[lang]}>
          {row.title[lang]}
        </span>
        {/* A space in the text too: the visible words must read as they do in the button's name. */}
        {row.dateUnknown ? (
          <>
            {' '}
            <span className="ct-unknown">{t.timelineDateUnknown}</span>
          </>
        ) : null}
      </span>
      <Track row={row} x={x} ticks={ticks} domain={domain} />
      {hint ? (
        <span id={hintId} className="visually-hidden">
          {hint}
        </span>
      ) : null}
    </button>
  );
}

/** What a click does besides scrolling, when the article is not in the panel. */
function rowHint(
  data: PolicyIndex,
  row: TimelineRow,
  { filtered, later }: { filtered: boolean; later: boolean },
  t: Strings,
  lang: Lang,
): string {
  const target = targetMonth(data, row);
  const parts = [
    ...(filtered ? [t.timelineShowType] : []),
    ...(later ? [fill(t.timelineGoTo, { month: formatDate(target ?? asOfMonth(data), lang) })] : []),
  ];
  return parts.join('; ');
}

/** Year grid lines of a track. */
function Grid({ ticks, x }: { ticks: Timeline['ticks']; x: X }) {
  return ticks.map((tick) => (
    <line key={tick.year} className="ct-grid" x1={pct(x(tick.at))} x2={pct(x(tick.at))} y1="0" y2={TRACK} />
  ));
}

/** A measure's bar and marks. */
function Track({
  row,
  x,
  ticks,
  domain,
}: {
  row: TimelineRow;
  x: X;
  ticks: Timeline['ticks'];
  domain: Timeline['domain'];
}) {
  const [lo, hi] = domain;
  return (
    <svg className="ct-track" width="100%" height={TRACK} aria-hidden="true" focusable="false">
      <Grid ticks={ticks} x={x} />
      {row.segments.map((s, i) => {
        const width = x(s.to) - x(s.from);
        if (width <= 0) return null;
        const h = s.phase === 'running' ? 8 : 3;
        return (
          <rect
            key={i}
            className={`ct-bar ct-phase-${s.phase}${s.certain ? '' : ' ct-uncertain'}`}
            x={pct(x(s.from))}
            width={pct(width)}
            y={BAR_Y - h / 2}
            height={h}
          />
        );
      })}
      {row.marks.map((m, i) => (
        <Mark key={i} mark={m} x={x} lo={lo} hi={hi} />
      ))}
    </svg>
  );
}

/** The shape of each kind of mark, around (0, 0). */
const SHAPES: Record<TimelineMark['kind'], string> = {
  announced: 'M0,-5L5,0L0,5L-5,0Z',
  started: 'M4,0A4,4 0 1 1 -4,0A4,4 0 1 1 4,0Z',
  ended: 'M-1.5,-7h3v14h-3Z',
  since: 'M-3.5,-3.5h7v7h-7Z',
  event: 'M-3.5,0h7l-3.5,5Z',
};

/** A shape placed at a percentage of the width (a nested <svg> takes one; a transform does not). */
function At({ at, y, className, d }: { at: number; y: number; className: string; d: string }) {
  return (
    <svg x={pct(at)} y={y} overflow="visible" className={className} aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

/**
 * One mark: a shape at a day or a month; a year-only step is a bracket over its year (a year-only
 * announced, start or end date is already its bar's faded span); outside the axis, an arrow at its
 * edge.
 */
function Mark({ mark, x, lo, hi }: { mark: TimelineMark; x: X; lo: number; hi: number }) {
  const y = mark.kind === 'event' ? STEP_Y : BAR_Y;
  const cls = `ct-mark ct-${mark.kind}`;
  if (mark.to < lo) return <At at={0} y={STEP_Y + 2} className="ct-mark ct-beyond" d="M-2,0l4,-3v6Z" />;
  if (mark.from > hi) return <At at={100} y={STEP_Y + 2} className="ct-mark ct-beyond" d="M2,0l-4,-3v6Z" />;
  if (mark.precision === 'year') {
    if (mark.kind === 'announced' || mark.kind === 'started' || mark.kind === 'ended') return null;
    return <Bracket span={mark} x={x} y={mark.kind === 'event' ? STEP_Y + 2 : BAR_Y} className={cls} />;
  }
  return <At at={x(mark.from)} y={y} className={cls} d={SHAPES[mark.kind]} />;
}

/** A span over a year: a line with a tick at each end. */
function Bracket({ span, x, y, className }: { span: Span; x: X; y: number; className: string }) {
  const [a, b] = [pct(x(span.from)), pct(x(span.to))];
  return (
    <g className={`${className} ct-bracket`}>
      <line x1={a} x2={b} y1={y} y2={y} />
      <line x1={a} x2={a} y1={y - 2} y2={y + 3} />
      <line x1={b} x2={b} y1={y - 2} y2={y + 3} />
    </g>
  );
}

/** The country's policy links: a mark at each dated one, a line to its end when it has one. */
function LinksRow({ timeline, x }: { timeline: Timeline; x: X }) {
  const t = useStrings();
  if (timeline.links.length === 0) return null;
  return (
    <div className="ct-links" aria-hidden="true">
      <span className="ct-label">
        <span className="ct-title">{t.timelineLinks}</span>
      </span>
      <svg className="ct-track" width="100%" height={TRACK} aria-hidden="true" focusable="false">
        <Grid ticks={timeline.ticks} x={x} />
        {timeline.links.map((l) =>
          l.precision === 'year' ? (
            <Bracket key={l.link.id} span={l} x={x} y={BAR_Y} className="ct-link" />
          ) : (
            <g key={l.link.id} className="ct-link">
              {l.end ? <line x1={pct(x(l.from))} x2={pct(x(l.end.to))} y1={BAR_Y} y2={BAR_Y} /> : null}
              <At at={x(l.from)} y={BAR_Y} className="ct-link-mark" d="M0,-5L4.5,4H-4.5Z" />
            </g>
          ),
        )}
      </svg>
    </div>
  );
}

/** What the shapes mean (the text alternative says it all in words, so this is hidden from it). */
function Key() {
  const t = useStrings();
  const items: [string, React.ReactNode][] = [
    [t.timelineAnnounced, <path key="a" className="ct-mark ct-announced" d={SHAPES.announced} />],
    [t.timelineStarted, <path key="s" className="ct-mark ct-started" d={SHAPES.started} />],
    [t.timelineEnded, <path key="e" className="ct-mark ct-ended" d={SHAPES.ended} />],
    [t.timelineEvent, <path key="v" className="ct-mark ct-event" d="M-3.5,-2.5h7l-3.5,5Z" />],
    [
      t.timelineUncertain,
      <rect key="u" className="ct-bar ct-phase-running ct-uncertain" x="-7" y="-4" width="14" height="8" />,
    ],
    [t.timelineMonthShown, <rect key="r" className="ct-key-rule" x="-1" y="-7" width="2" height="14" />],
  ];
  return (
    <ul className="ct-key" aria-hidden="true">
      {items.map(([label, shape]) => (
        <li key={label}>
          <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">
            {shape}
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

/** Everything the chart shows, in words: the axis and the month shown, each measure, the links. */
function TextAlternative({
  timeline,
  month,
  statuses,
}: {
  timeline: Timeline;
  month: Month;
  statuses: Map<string, string>;
}) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const range = dateRange(data);
  const links = linksInWords(data, timeline, lang);
  return (
    <div className="visually-hidden">
      <p>
        {fill(t.timelineSpan, {
          first: formatDate(range.first, lang),
          last: formatDate(range.last, lang),
          month: formatDate(month, lang),
        })}
      </p>
      <ul>
        {timeline.rows.map((row) => {
          const steps = rowEvents(row, lang);
          return (
            <li key={row.id}>
              {row.title[lang]}: {rowDates(row, lang, statuses.get(row.id) ?? '')}.
              {steps ? ` ${t.timelineSteps}: ${steps}.` : null}
            </li>
          );
        })}
      </ul>
      {links.length > 0 ? (
        <p>
          {t.timelineLinks}: {links.join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
