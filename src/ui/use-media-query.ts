import { useSyncExternalStore } from 'react';

/**
 * Whether a media query matches now; re-renders when it changes. `server`: the value while the
 * page hydrates its prerendered HTML (which knows no width), false unless said otherwise.
 */
export function useMediaQuery(query: string): boolean;
export function useMediaQuery(query: string, server: boolean | null): boolean | null;
export function useMediaQuery(query: string, server: boolean | null = false): boolean | null {
  return useSyncExternalStore<boolean | null>(
    (onChange) => {
      const mql = window.matchMedia?.(query);
      mql?.addEventListener?.('change', onChange);
      return () => mql?.removeEventListener?.('change', onChange);
    },
    () => window.matchMedia?.(query).matches ?? false,
    () => server,
  );
}
