/** One measure in the panel: an <article> headed by its title, every fact with its numbered sources. */
import './measure-article.css';
import { Fragment } from 'react';
import { isUnmappedFacility } from '../data/facilities.ts';
import { formatCoordinate, formatDate, formatFigureValue } from '../data/format.ts';
import type { Measure, Source } from '../data/schema.ts';
import { existenceDate, type MeasureAtMonth } from '../data/timeline.ts';
import type { Status } from '../data/vocabulary.ts';
import { fill, type Lang, type Strings } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { CorrectionNotes, CorrectionsSummary } from './correction-notes.tsx';

/** Status as a word with a symbol, never colour alone (design notes). */
export const STATUS_SYMBOL: Record<Status, string> = {
  'in-force': '●',
  operating: '●',
  'under-construction': '◐',
  approved: '◑',
  proposed: '○',
  stalled: '◌',
  ended: '✕',
};

/** A titled part of a measure (figures, facts, sources…): a heading, not a landmark. */
function Block({ title, className, children }: { title: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <h5>{title}</h5>
      {children}
    </div>
  );
}

/** Id of a measure's heading, so the table and overview can open the panel right at it. */
export const measureHeadingId = (id: string) => `measure-${id}`;

const sourceAnchor = (measure: Measure, n: number) => `src-${measure.id}-${n}`;

function Cites({ measure, sources }: { measure: Measure; sources: number[] }) {
  const t = useStrings();
  return (
    <span className="cites">
      {sources.map((n) => (
        <a key={n} href={`#${sourceAnchor(measure, n)}`} className="cite" aria-label={`${t.sources} ${n}`}>
          [{n}]
        </a>
      ))}
    </span>
  );
}

/** One numbered source; `anchor` gives it the id the measure's citations link to (once per page). */
export function SourceItem({
  measure,
  source,
  t,
  lang,
  anchor = true,
  number,
  id,
}: {
  measure: Measure;
  source: Source;
  t: Strings;
  lang: Lang;
  anchor?: boolean;
  /** Its number in a list of its own (a story step's); default: the measure's number for it. */
  number?: number;
  /** Its id in such a list (default: the measure's anchor, when `anchor`). */
  id?: string;
}) {
  const headline =
    source.headlineKind === 'page' && source.headline ? (
      <q>{source.headline}</q>
    ) : source.headlineKind === 'slug' && source.headline ? (
      <>
        {source.headline} <span className="muted">({t.headlineFromLink})</span>
      </>
    ) : (
      <span className="muted">{t.noHeadline}</span>
    );
  return (
    <li id={id ?? (anchor ? sourceAnchor(measure, source.n) : undefined)} value={number ?? source.n}>
      <a href={source.url} target="_blank" rel="noopener noreferrer">
        {source.publisher}
        <span className="visually-hidden"> {t.opensInNewTab}</span>
      </a>
      {': '}
      {headline}
      {'. '}
      <span className="source-date">{formatDate(source.date, lang)}</span>
      {source.date === null && source.dateNote ? <span className="muted"> [{source.dateNote}]</span> : null}
      {source.briefRef ? (
        <span className="muted">
          {' '}
          ({t.copiedFrom} {source.briefRef})
        </span>
      ) : null}
    </li>
  );
}

interface Props {
  measure: Measure;
  /** Where the measure stands at the date shown; omitted = the "as of" month (its own status). */
  at?: MeasureAtMonth;
  /** The date shown is before the "as of" month. */
  past?: boolean;
  /**
   * Embeds: summary, status and dates show; figures, facts, timeline, place, concerns and sources
   * open on demand, so an embed stays short enough for an article (issue 7: ≤ 3,000 px).
   */
  detailsOnDemand?: boolean;
}

const datesOf = (measure: Measure) =>
  (['announced', 'started', 'ended'] as const).flatMap((key) => {
    const d = measure.dates[key];
    return d ? [{ key, d }] : [];
  });

/** "Month not known yet": the measure exists in its year, but its month is not known. */
function PendingStatus({ measure }: { measure: Measure }) {
  const t = useStrings();
  return (
    <p className="measure-status">
      <span className="status status-pending">
        <span className="visually-hidden">{t.statusLabel}: </span>
        {fill(t.monthUnknown, { year: existenceDate(measure) ?? '' })}
      </span>
    </p>
  );
}

/**
 * The status at an earlier month (or that it is not known): the record's note and status sources
 * describe today's, so they are left out here.
 */
function PastStatus({ status }: { status: NonNullable<MeasureAtMonth['status']> }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <p className="measure-status">
      <span className={`status status-${status}`}>
        {status === 'unknown' ? null : <span aria-hidden="true">{STATUS_SYMBOL[status]} </span>}
        <span className="visually-hidden">{t.statusLabel}: </span>
        {status === 'unknown'
          ? t.statusUnknownAtDate
          : (data.meta.statuses.find((s) => s.id === status)?.label[lang] ?? status)}
      </span>
    </p>
  );
}

/** The record's own status, with its note (unless details open on demand) and its sources. */
function CurrentStatus({ measure, note }: { measure: Measure; note: boolean }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const status = data.meta.statuses.find((s) => s.id === measure.status.value);
  return (
    <p className="measure-status">
      <span className={`status status-${measure.status.value}`}>
        <span aria-hidden="true">{STATUS_SYMBOL[measure.status.value]} </span>
        <span className="visually-hidden">{t.statusLabel}: </span>
        {status?.label[lang]}
      </span>
      {measure.status.note && note ? <span className="status-note"> — {measure.status.note[lang]}</span> : null}{' '}
      <Cites measure={measure} sources={measure.status.sources} />
    </p>
  );
}

/** The measure's details behind a disclosure (embeds), with what the short form left out. */
function OnDemandDetails({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const opened = useAppStore((s) => s.measure === measure.id);
  return (
    <details className="measure-details" open={opened || undefined}>
      <summary>
        {t.measureDetails}
        <CorrectionsSummary id={measure.id} />
      </summary>
      <CorrectionNotes id={measure.id} />
      {/* What the short form left out: the status's note and the dates' notes. */}
      {measure.status.note ? (
        <p className="status-note">
          {measure.status.note[lang]} <Cites measure={measure} sources={measure.status.sources} />
        </p>
      ) : null}
      {datesOf(measure).some(({ d }) => d.note) ? <MeasureDates measure={measure} notes /> : null}
      <MeasureDetails measure={measure} />
    </details>
  );
}

export function MeasureArticle({ measure, at, past = false, detailsOnDemand = false }: Props) {
  const lang = useAppStore((s) => s.lang);
  const headingId = measureHeadingId(measure.id);
  return (
    <article className="measure" aria-labelledby={headingId}>
      <h4 id={headingId} tabIndex={-1}>
        {measure.title[lang]}
      </h4>
      {detailsOnDemand ? null : <CorrectionNotes id={measure.id} />}
      {at && at.presence === 'pending' ? (
        <PendingStatus measure={measure} />
      ) : at && past && at.status !== null ? (
        <PastStatus status={at.status} />
      ) : (
        <CurrentStatus measure={measure} note={!detailsOnDemand} />
      )}
      <p className="measure-summary">{measure.summary[lang]}</p>

      <MeasureDates measure={measure} notes={!detailsOnDemand} />

      {detailsOnDemand ? <OnDemandDetails measure={measure} /> : <MeasureDetails measure={measure} />}
    </article>
  );
}
/** When the measure was announced, started and ended, each with its sources (and notes). */
function MeasureDates({ measure, notes }: { measure: Measure; notes: boolean }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const dates = datesOf(measure);
  if (dates.length === 0) return null;
  return (
    <dl className="measure-dates">
      {dates.map(({ key, d }) => (
        <div key={key}>
          <dt>{t[key]}</dt>
          <dd>
            {formatDate(d.date, lang)}
            {notes && d.note ? <span className="muted"> — {d.note[lang]}</span> : null}{' '}
            <Cites measure={measure} sources={d.sources} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

type Figure = Measure['figures'][number];

/** A figure's values (two or more when they differ by source), each with its note, date and sources. */
function FigureValues({ measure, figure: f }: { measure: Measure; figure: Figure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <span className="figure-values">
      {f.values.map((v, j) => (
        <Fragment key={j}>
          {j > 0 ? <span className="figure-or"> {f.contested ? t.or : '·'} </span> : null}
          <strong>{formatFigureValue(v, lang)}</strong>
          {v.note ? <span className="muted"> ({v.note[lang]})</span> : null}
          {v.asOf ? (
            <span className="muted">
              {' '}
              {v.asOf.length === 10 ? t.asOfShortDay : t.asOfShort} {formatDate(v.asOf, lang)}
            </span>
          ) : null}{' '}
          <Cites measure={measure} sources={v.sources} />
        </Fragment>
      ))}
    </span>
  );
}

function MeasureFigures({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  if (measure.figures.length === 0) return null;
  return (
    <Block title={t.keyFigures} className="measure-figures">
      <ul>
        {measure.figures.map((f, i) => (
          <li key={i} className={f.contested ? 'contested' : undefined}>
            <FigureValues measure={measure} figure={f} /> <span className="figure-label">— {f.label[lang]}</span>
            {f.note ? <span className="muted"> ({f.note[lang]})</span> : null}
            {f.contested ? <span className="contested-tag"> {t.contested}</span> : null}
          </li>
        ))}
      </ul>
    </Block>
  );
}

function MeasureFacts({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  if (measure.facts.length === 0) return null;
  return (
    <Block title={t.keyFacts}>
      <ul>
        {measure.facts.map((f, i) => (
          <li key={i}>
            {f.text[lang]} {f.contested ? <span className="contested-tag">{t.contested} </span> : null}
            <Cites measure={measure} sources={f.sources} />
          </li>
        ))}
      </ul>
    </Block>
  );
}

function MeasureTimeline({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  if (measure.timeline.length === 0) return null;
  return (
    <Block title={t.timeline}>
      <ol className="timeline">
        {measure.timeline.map((e, i) => (
          <li key={i}>
            <span className="timeline-date">{formatDate(e.date, lang)}</span> {e.text[lang]}{' '}
            <Cites measure={measure} sources={e.sources} />
          </li>
        ))}
      </ol>
    </Block>
  );
}

/** Where the measure is: the place, its coordinates, whether the map shows it, and its sources. */
function MeasurePlace({ measure }: { measure: Measure }) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const location = measure.location;
  if (!location) return null;
  return (
    <p className="measure-place">
      <span className="label">{t.place}:</span> {location.place[lang]}
      {location.lat !== undefined && location.lon !== undefined ? (
        <span className="muted">
          {' '}
          ({formatCoordinate(location.lat)}, {formatCoordinate(location.lon)})
        </span>
      ) : null}
      {isUnmappedFacility(data, measure) ? <span className="muted"> ({t.locationNotMapped})</span> : null}
      {location.sources.length > 0 ? (
        <>
          {' '}
          <Cites measure={measure} sources={location.sources} />
        </>
      ) : null}
    </p>
  );
}

function MeasureConcerns({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  if (measure.concerns.length === 0) return null;
  return (
    <Block title={t.concerns} className="measure-concerns">
      <ul>
        {measure.concerns.map((c, i) => (
          <li key={i}>
            {c.text[lang]} <Cites measure={measure} sources={c.sources} />
          </li>
        ))}
      </ul>
    </Block>
  );
}

function MeasureSources({ measure }: { measure: Measure }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <Block title={t.sources} className="measure-sources">
      <ol>
        {measure.sources.map((s) => (
          <SourceItem key={s.n} measure={measure} source={s} t={t} lang={lang} />
        ))}
      </ol>
    </Block>
  );
}

/** Figures, facts, timeline, place, concerns and the numbered sources of one measure. */
function MeasureDetails({ measure }: { measure: Measure }) {
  return (
    <>
      <MeasureFigures measure={measure} />
      <MeasureFacts measure={measure} />
      <MeasureTimeline measure={measure} />
      <MeasurePlace measure={measure} />
      <MeasureConcerns measure={measure} />
      <MeasureSources measure={measure} />
    </>
  );
}
