/**
 * The time slider: a native range input over the months of `dateRange(data)` (Home/End and the
 * arrow keys work natively), the month shown as text beside it, and a Play button that steps one
 * month every STEP_MS and stops at the "as of" month. The store keeps the "as of" month as null.
 */
import './date-control.css';
import { useEffect, useId, useMemo, useState } from 'react';
import { formatDate } from '../data/format.ts';
import { dateRange, type Month, monthsInRange } from '../data/timeline.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore, useAppStoreApi } from '../state/store.ts';

/** Time between two months while playing. */
export const STEP_MS = 700;

/**
 * Whether the months are playing. One step per tick, read from the store so a reader moving the
 * slider mid-play is respected; it stops at the "as of" month (the store's null).
 */
function usePlaying(months: Month[]) {
  const store = useAppStoreApi();
  const last = months.length - 1;
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const state = store.getState();
      const i = months.indexOf(state.date ?? (months[last] as Month));
      const next = i + 1;
      if (i < 0 || next >= last) {
        if (i >= 0 && next === last) state.setDate(null);
        setPlaying(false);
        return;
      }
      state.setDate(months[next] as Month);
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [playing, months, last, store]);
  return [playing, setPlaying] as const;
}

function PlayButton({ playing, onClick }: { playing: boolean; onClick: () => void }) {
  const t = useStrings();
  return (
    <button type="button" className="date-play" onClick={onClick}>
      <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>{' '}
      <span className="date-play-text">{playing ? t.datePause : t.datePlay}</span>
    </button>
  );
}

export function DateControl() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const date = useAppStore((s) => s.date);
  const setDate = useAppStore((s) => s.setDate);
  const months = useMemo(() => monthsInRange(dateRange(data)), [data]);
  const last = months.length - 1;
  const [playing, setPlaying] = usePlaying(months);
  const id = useId();

  const current: Month = date ?? (months[last] as Month);
  const index = months.indexOf(current);
  const goTo = (i: number) => setDate(i >= last ? null : (months[i] as Month));

  const onPlay = () => {
    if (playing) {
      setPlaying(false);
      return;
    }
    if (index < 0 || index >= last) goTo(0);
    setPlaying(true);
  };

  const label = formatDate(current, lang);
  return (
    <div className="date-control">
      <PlayButton playing={playing} onClick={onPlay} />
      <label className="visually-hidden" htmlFor={id}>
        {t.dateLabel}
      </label>
      <input
        id={id}
        type="range"
        className="date-slider"
        min={0}
        max={last}
        step={1}
        value={index < 0 ? last : index}
        aria-valuetext={label}
        onChange={(e) => goTo(Number(e.currentTarget.value))}
      />
      <span className="date-current" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
