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
  /** The total at the last date announced, to say how many are new. */
  const lastTotal = useRef(Object.values(counts).reduce((a, b) => a + b, 0));
  const lastSaidAt = useRef(Number.NEGATIVE_INFINITY);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current.timer);
    },
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: announce only when the date changes.
  useEffect(() => {
    if (first.current) return;
    const { t, counts, lang } = textRef.current;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const added = total - lastTotal.current;
    lastTotal.current = total;
    const values = { month: formatDate(date ?? asOfMonth(data), lang), n: added, count: formatCount(total, lang) };
    const text = fill(added > 0 ? t.announceDateNew : t.announceDate, values);
    const wait = lastSaidAt.current + 1000 - Date.now();
    if (wait <= 0) {
      lastSaidAt.current = Date.now();
      setMessage(text);
    } else if (pending.current) pending.current.text = text;
    else {
      const p = {
        text,
        timer: setTimeout(() => {
          pending.current = null;
          lastSaidAt.current = Date.now();
          setMessage(p.text);
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
