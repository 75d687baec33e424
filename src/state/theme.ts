/** The colour theme in effect: the reader's choice (?theme=) or else the system's. */
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemeName } from '../data/palette.ts';
import { useAppStore } from './store.ts';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia?.(QUERY);
  mql?.addEventListener?.('change', onChange);
  return () => mql?.removeEventListener?.('change', onChange);
}

const systemDark = () => window.matchMedia?.(QUERY).matches ?? false;

export function useResolvedTheme(): ThemeName {
  const forced = useAppStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemDark, () => false);
  return forced ?? (dark ? 'dark' : 'light');
}

/** Mirrors the theme and language onto <html> (CSS variables and `lang` follow them). */
export function useDocumentSettings(theme: ThemeName, lang: string, title: string): void {
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.lang = lang;
    root.style.colorScheme = theme;
    document.title = title;
  }, [theme, lang, title]);
}
