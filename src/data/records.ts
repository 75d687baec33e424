/**
 * The records file in the browser (policy-index.ts): fetched once, the first time a reader reaches
 * for a panel, the table, the overview or a link's sources, or earlier when they start to interact
 * (`loadOnIntent`); kept; fetched again only after a failure, when asked to retry. Failures, and a
 * download that does not answer within `RECORDS_TIMEOUT_MS`, are logged and reported, never
 * swallowed.
 */
import type { PolicyData } from './policy-data.ts';
import { joinRecords, type PolicyIndex } from './policy-index.ts';

export type FullData =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: PolicyData }
  | { status: 'error'; error: Error };

/** A small external store (for `useSyncExternalStore`) around one download. */
export interface FullDataSource {
  get(): FullData;
  subscribe(listener: () => void): () => void;
  /** Starts the download unless it is under way or done; after a failure, starts it again. */
  load(): void;
}

/** Fetches and joins the records at `path` (relative to the page). @throws Error saying what failed. */
export async function fetchRecords(index: PolicyIndex, path: string, base = document.baseURI): Promise<PolicyData> {
  const url = new URL(path, base);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`records: ${url.pathname} answered ${res.status} ${res.statusText}`.trim());
  return joinRecords(index, await res.json());
}

/** How long the records may take before the reader is told and offered "Try again" (as the map's loads). */
export const RECORDS_TIMEOUT_MS = 15_000;

/** The error a download that never answered is reported with. */
export class RecordsTimeoutError extends Error {
  constructor(ms: number) {
    super(`records: no answer after ${ms / 1000} s`);
    this.name = 'RecordsTimeoutError';
  }
}

/**
 * A download that has not settled after `timeoutMs` is reported as failed (logged, and "Try again"
 * offered); a later answer from it is ignored, since only the newest attempt counts.
 */
export function createFullDataSource(
  download: () => Promise<PolicyData>,
  timeoutMs: number = RECORDS_TIMEOUT_MS,
): FullDataSource {
  let state: FullData = { status: 'idle' };
  let attempt = 0;
  const listeners = new Set<() => void>();
  const set = (next: FullData) => {
    state = next;
    for (const l of listeners) l();
  };
  const fail = (e: unknown) => {
    const error = e instanceof Error ? e : new Error(String(e));
    console.error(error);
    set({ status: 'error', error });
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      if (state.status === 'loading' || state.status === 'ready') return;
      const current = ++attempt;
      set({ status: 'loading' });
      const timer = setTimeout(() => {
        if (current === attempt && state.status === 'loading') fail(new RecordsTimeoutError(timeoutMs));
      }, timeoutMs);
      download().then(
        (data) => {
          clearTimeout(timer);
          if (current === attempt && state.status === 'loading') set({ status: 'ready', data });
        },
        (e: unknown) => {
          clearTimeout(timer);
          if (current === attempt && state.status === 'loading') fail(e);
        },
      );
    },
  };
}

/** A source that already holds the full data (tests; a page that has it at hand). */
export function readyFullData(data: PolicyData): FullDataSource {
  const state: FullData = { status: 'ready', data };
  return { get: () => state, subscribe: () => () => {}, load() {} };
}

/**
 * The first sign that a reader is using the graphic (a pointer over it, a touch, a key, focus)
 * starts the download, so a panel usually opens with its records already here. A reader who
 * scrolls past never pays for them.
 */
export function loadOnIntent(target: EventTarget, source: FullDataSource): () => void {
  const events = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'] as const;
  const start = () => {
    stop();
    source.load();
  };
  const stop = () => {
    for (const e of events) target.removeEventListener(e, start, true);
  };
  for (const e of events) target.addEventListener(e, start, { capture: true, passive: true });
  return stop;
}
