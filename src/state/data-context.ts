/**
 * Hands the data down the tree: the index at once (the real build's, or a test fixture), the full
 * records through a source that downloads them when first needed (src/data/records.ts).
 */
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { PolicyIndex } from '../data/policy-index.ts';
import type { FullData, FullDataSource } from '../data/records.ts';
import { type Counts, matchingCounts } from '../data/selectors.ts';
import { STRINGS, type Strings } from '../i18n/strings.ts';
import { useAppStore } from './store.ts';

export const DataContext = createContext<PolicyIndex | null>(null);
export const FullDataContext = createContext<FullDataSource | null>(null);

/** The index: everything the map, the list, the filter and the slider read. */
export function usePolicyData(): PolicyIndex {
  const data = useContext(DataContext);
  if (!data) throw new Error('usePolicyData needs a <DataContext.Provider>');
  return data;
}

export function useFullDataSource(): FullDataSource {
  const source = useContext(FullDataContext);
  if (!source) throw new Error('useFullDataSource needs a <FullDataContext.Provider>');
  return source;
}

/** The full records; mounting a consumer starts their download when it has not started yet. */
export function useFullData(): FullData {
  const source = useFullDataSource();
  const state = useSyncExternalStore(source.subscribe, source.get, source.get);
  useEffect(() => source.load(), [source]);
  return state;
}

/** The UI strings in the reader's language. */
export function useStrings(): Strings {
  return STRINGS[useAppStore((s) => s.lang)];
}

/**
 * Measures per country matching the reader's filter at the chosen month (null = "as of"): one
 * memoised selector for every consumer.
 */
export function useMatchingCounts(): Counts {
  const data = usePolicyData();
  const activeTypes = useAppStore((s) => s.activeTypes);
  const date = useAppStore((s) => s.date);
  return matchingCounts(data, activeTypes, date);
}
