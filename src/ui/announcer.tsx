/**
 * One polite live region: says what changed after a filter or selection, in words
 * ("3 countries, 7 measures match the filter."), so screen-reader users hear the result.
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../data/format.ts';
import { COUNTRY_NAMES } from '../data/selectors.ts';
import { fill } from '../i18n/strings.ts';
import { useMatchingCounts, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

export function Announcer() {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const selected = useAppStore((s) => s.selected);
  const counts = useMatchingCounts();
  const [message, setMessage] = useState('');
  const first = useRef(true);
  const textRef = useRef({ t, counts, lang });
  textRef.current = { t, counts, lang };

  // biome-ignore lint/correctness/useExhaustiveDependencies: announce only when the filter changes, not on every render.
  useEffect(() => {
    if (first.current) return;
    const { t, counts } = textRef.current;
    const values = Object.values(counts);
    setMessage(
      fill(t.announceFilter, {
        countries: values.filter((n) => n > 0).length,
        measures: values.reduce((a, b) => a + b, 0),
      }),
    );
  }, [activeTypes]);

  useEffect(() => {
    if (first.current) return;
    const { t, counts, lang } = textRef.current;
    setMessage(
      selected
        ? fill(t.announceCountry, {
            country: COUNTRY_NAMES[selected][lang],
            count: formatCount(counts[selected], lang),
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
