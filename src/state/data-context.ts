/** Hands the validated data down the tree (the real build's data, or a test fixture). */
import { createContext, useContext, useMemo } from 'react';
import type { PolicyData } from '../data/load-dataset.ts';
import { type Counts, countsByCountry } from '../data/selectors.ts';
import { STRINGS, type Strings } from '../i18n/strings.ts';
import { useAppStore } from './store.ts';

export const DataContext = createContext<PolicyData | null>(null);

export function usePolicyData(): PolicyData {
  const data = useContext(DataContext);
  if (!data) throw new Error('usePolicyData needs a <DataContext.Provider>');
  return data;
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
  return useMemo(
    () => (date === null ? countsByCountry(data, activeTypes) : countsByCountry(data, activeTypes, date)),
    [data, activeTypes, date],
  );
}
