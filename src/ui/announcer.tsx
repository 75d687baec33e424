/**
 * One polite live region: says what changed after a filter, selection or date change, in words
 * ("3 countries, 7 measures match the filter.", "March 2023: 2 new, 5 measures in all."), so
 * screen-reader users hear the result. Date messages come at most once a second (while playing,
 * the latest month is said when the second is up).
 */
import { type RefObject, useEffect, useRef, useState } from 'react';
import { formatCount, formatDate, formatList } from '../data/format.ts';
import type { PolicyIndex } from '../data/policy-index.ts';
import type { Counts } from '../data/selectors.ts';
import { stepAnnouncement, storySteps } from '../data/steps.ts';
import { countryName } from '../data/story.ts';
import { asOfMonth } from '../data/timeline.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import { fill, type Lang, type Strings } from '../i18n/strings.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

/** What the messages are made from, as of the latest render (the effects run on one change only). */
interface Said {
  t: Strings;
  counts: Counts;
  lang: Lang;
  data: PolicyIndex;
}

const sumOf = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** "3 countries, 7 measures match the filter." */
function filterMessage({ t, counts }: Said): string {
  const values = Object.values(counts);
  return fill(t.announceFilter, {
    countries: values.filter((n) => n > 0).length,
    measures: values.reduce((a, b) => a + b, 0),
  });
}

/** "Step 2 of 9: CECOT opens. New at this date: El Salvador, maximum-security prison." */
function stepMessage({ t, lang, data }: Said, n: number, m: number): string {
  const { title, news } = stepAnnouncement(data, n, lang);
  const head = fill(t.announceStep, { n, m, title });
  return news.length > 0 ? `${head} ${fill(t.announceStepNew, { list: formatList(news, lang) })}` : head;
}

/** The country opened, with its count of matching measures; or that the panel closed. */
function countryMessage({ t, counts, lang, data }: Said, selected: CountryCode | null): string {
  return selected
    ? fill(t.announceCountry, {
        country: countryName(data, selected, lang),
        count: formatCount(counts[selected] ?? 0, lang),
      })
    : t.announceClosed;
}

/**
 * Date messages, at most once a second: at once when the last was said a second ago or more, else
 * the latest month when the second is up. `lastTotal` is the total at the last date said aloud:
 * "new" counts from there, so a step never said alone is not lost (a filter change resets it).
 */
function useDateSayer(said: RefObject<Said>, setMessage: (message: string) => void, initialTotal: number) {
  const lastTotal = useRef(initialTotal);
  const lastSaidAt = useRef(Number.NEGATIVE_INFINITY);
  /** The latest month and total while a date message waits for its second. */
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; month: string; total: number } | null>(null);

  useEffect(
    () => () => {
      // Forgotten as well as stopped: a remount (StrictMode, a view switch) starts with none waiting.
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
    },
    [],
  );

  /** Says a month: how many measures are new since the month said last, and how many in all. */
  const sayDate = useRef((month: string, total: number) => {
    const { t, lang } = said.current;
    const added = total - lastTotal.current;
    lastTotal.current = total;
    lastSaidAt.current = Date.now();
    const values = { month: formatDate(month, lang), n: added, count: formatCount(total, lang) };
    setMessage(fill(added > 0 ? t.announceDateNew : t.announceDate, values));
  }).current;

  const announce = (month: string, total: number) => {
    const wait = lastSaidAt.current + 1000 - Date.now();
    if (wait <= 0) sayDate(month, total);
    else if (pending.current) Object.assign(pending.current, { month, total });
    else {
      const p = {
        month,
        total,
        timer: setTimeout(() => {
          pending.current = null;
          sayDate(p.month, p.total);
        }, wait),
      };
      pending.current = p;
    }
  };
  // Refs only: the first render's functions serve for the component's life (a stable object).
  return useRef({ announce, lastTotal }).current;
}

export function Announcer() {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const selected = useAppStore((s) => s.selected);
  const date = useAppStore((s) => s.date);
  const step = useAppStore((s) => s.step);
  const data = usePolicyData();
  const counts = useMatchingCounts();
  const steps = storySteps(data).length;
  const [message, setMessage] = useState('');
  const said = useRef<Said>({ t, counts, lang, data });
  said.current = { t, counts, lang, data };
  const dates = useDateSayer(said, setMessage, sumOf(counts));
  /**
   * The values last announced (at first, those the page opened with): an effect speaks only when
   * its value differs, so effects run again on the same values (StrictMode, a remount) say nothing.
   */
  const heard = useRef({ date, activeTypes, selected, step });

  // A story step changes the date, the filter and the country at once: it is said once, as itself
  // (declared first, so the effects below find its changes already heard).
  useEffect(() => {
    if (heard.current.step === step) return;
    // Leaving the story is the reader's own change: the effects below say it.
    if (step === null) {
      heard.current.step = null;
      return;
    }
    heard.current = { date, activeTypes, selected, step };
    setMessage(stepMessage(said.current, step, steps));
  }, [step, date, activeTypes, selected, steps]);

  useEffect(() => {
    if (heard.current.date === date) return;
    heard.current.date = date;
    dates.announce(date ?? asOfMonth(said.current.data), sumOf(said.current.counts));
  }, [date, dates]);

  useEffect(() => {
    if (heard.current.activeTypes === activeTypes) return;
    heard.current.activeTypes = activeTypes;
    dates.lastTotal.current = sumOf(said.current.counts);
    setMessage(filterMessage(said.current));
  }, [activeTypes, dates]);

  useEffect(() => {
    if (heard.current.selected === selected) return;
    heard.current.selected = selected;
    setMessage(countryMessage(said.current, selected));
  }, [selected]);

  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
