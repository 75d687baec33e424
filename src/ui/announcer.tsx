/**
 * One polite live region: says what changed after a filter, selection or date change, in words
 * ("3 countries, 7 measures match the filter.", "March 2023: 2 new, 5 measures in all."), so
 * screen-reader users hear the result. Date messages come at most once a second (while playing,
 * the latest month is said when the second is up).
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount, formatDate } from '../data/format.ts';
import { countryName } from '../data/story.ts';
import { asOfMonth } from '../data/timeline.ts';
import { fill } from '../i18n/strings.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

export function Announcer() {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const selected = useAppStore((s) => s.selected);
  const date = useAppStore((s) => s.date);
  const data = usePolicyData();
  const counts = useMatchingCounts();
  const [message, setMessage] = useState('');
  const first = useRef(true);
  const textRef = useRef({ t, counts, lang, data });
  textRef.current = { t, counts, lang, data };
  /** The total at the last date said aloud: "new" counts from there, so a step never said alone is not lost. */
  const lastTotal = useRef(Object.values(counts).reduce((a, b) => a + b, 0));
  const lastSaidAt = useRef(Number.NEGATIVE_INFINITY);
  /** The latest month and total while a date message waits for its second. */
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; month: string; total: number } | null>(null);

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current.timer);
    },
    [],
  );

  /** Says a month: how many measures are new since the month said last, and how many in all. */
  const sayDate = useRef((month: string, total: number) => {
    const { t, lang } = textRef.current;
    const added = total - lastTotal.current;
    lastTotal.current = total;
    lastSaidAt.current = Date.now();
    const values = { month: formatDate(month, lang), n: added, count: formatCount(total, lang) };
    setMessage(fill(added > 0 ? t.announceDateNew : t.announceDate, values));
  }).current;

  // biome-ignore lint/correctness/useExhaustiveDependencies: announce only when the date changes.
  useEffect(() => {
    if (first.current) return;
    const total = Object.values(textRef.current.counts).reduce((a, b) => a + b, 0);
    const month = date ?? asOfMonth(data);
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
  }, [date]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: announce only when the filter changes, not on every render.
  useEffect(() => {
    if (first.current) return;
    const { t, counts } = textRef.current;
    const values = Object.values(counts);
    lastTotal.current = values.reduce((a, b) => a + b, 0);
    setMessage(
      fill(t.announceFilter, {
        countries: values.filter((n) => n > 0).length,
        measures: values.reduce((a, b) => a + b, 0),
      }),
    );
  }, [activeTypes]);

  useEffect(() => {
    if (first.current) return;
    const { t, counts, lang, data } = textRef.current;
    setMessage(
      selected
        ? fill(t.announceCountry, {
            country: countryName(data, selected, lang),
            count: formatCount(counts[selected] ?? 0, lang),
          })
        : t.announceClosed,
    );
  }, [selected]);

  useEffect(() => {
    first.current = false;
  }, []);

  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
