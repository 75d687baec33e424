/**
 * Reader settings read from the page's query string. Pure: `parseUrlState(location.search)`.
 * Unknown, repeated or invalid values are ignored, never thrown on (a bad link still opens the map).
 */
import { LANGS, type Lang } from '../i18n/strings.ts';
import { THEMES, type Theme, VIEWS, type View } from './store.ts';

export interface UrlState {
  lang?: Lang;
  theme?: Theme;
  view?: View;
}

/** The one value of `key`, or undefined when it is missing, repeated or not in `allowed`. */
function one<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T | undefined {
  const values = params.getAll(key);
  if (values.length !== 1) return undefined;
  return (allowed as readonly string[]).includes(values[0] as string) ? (values[0] as T) : undefined;
}

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const lang = one(params, 'lang', LANGS);
  const theme = one(params, 'theme', THEMES);
  const view = one(params, 'view', VIEWS);
  if (lang) state.lang = lang;
  if (theme) state.theme = theme;
  if (view) state.view = view;
  return state;
}
