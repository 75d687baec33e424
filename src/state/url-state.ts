/**
 * The reader's choices in the query string, so every view can be linked and embedded:
 * `?country=PER&types=curfew,new-prison&lang=es&theme=dark&view=table&date=2023-01&links=0`.
 * `date` is read only when the caller gives the data's month range (`dateRange(data)`): a month
 * outside it, or the "as of" month itself (the default), is ignored.
 * `parseUrlState` and `serializeUrlState` are pure; only values that differ from the defaults are
 * written, and unknown, repeated or invalid values are ignored, never thrown on (a bad link still
 * opens the map, and nothing from the URL is ever put into the page as markup). A link made before
 * a parameter or a type was renamed is read in its current form first (url-migrations.ts).
 */
import type { TypeRename } from '../data/schema.ts';
import { isInRange, type Month, type MonthRange } from '../data/timeline.ts';
import type { CountryCode, MeasureTypeId } from '../data/vocabulary.ts';
import { LANGS, type Lang } from '../i18n/strings.ts';
import { type AppState, type AppStore, DEFAULT_STATE, THEMES, type Theme, VIEWS, type View } from './store.ts';
import { migrateQuery, URL_MIGRATIONS, type UrlMigration, urlMigrations } from './url-migrations.ts';

export interface UrlState {
  country?: CountryCode;
  types?: MeasureTypeId[];
  lang?: Lang;
  theme?: Theme;
  view?: View;
  /** A month other than the "as of" month. */
  date?: Month;
  /** Policy links hidden (`links=0`); shown is the default. */
  links?: false;
  /** A story step (1-based): it decides the country, the types and the date, so none is written beside it. */
  step?: number;
}

export interface ParseOptions {
  /** The story's focus countries (`countryCodes(data)`): any other `country` is ignored. */
  countries: readonly CountryCode[];
  /** The data's measure types (`typeIds(data)`): unknown ids in `types` are dropped. */
  types: readonly MeasureTypeId[];
  /** The story's languages (`data.story.languages`); default: every language of the UI. */
  langs?: readonly Lang[];
  /** The data's months (`dateRange(data)`); without it `date` is ignored (it cannot be checked). */
  months?: MonthRange;
  /** The story's renamed types (`data.story.renamedTypes`): an old id in `types` reads as its new one. */
  renamedTypes?: readonly TypeRename[];
  /** How many story steps there are (`steps(data).length`); without it `step` is ignored. */
  steps?: number;
  /** The parameter renames; default `URL_MIGRATIONS` (a test passes its own). */
  migrations?: readonly UrlMigration[];
}

/** Query parameters this module owns; any others (embed=1, childId…) are left as they are. */
export const STATE_PARAMS = ['country', 'types', 'lang', 'theme', 'view', 'date', 'links', 'step'] as const;

/** `step=N`: a whole number from 1 to the number of steps, written plainly (no sign, no leading 0). */
function stepOf(params: URLSearchParams, count = 0): number | undefined {
  const values = params.getAll('step');
  if (values.length !== 1 || !/^[1-9][0-9]{0,3}$/.test(values[0] as string)) return undefined;
  const n = Number(values[0]);
  return n <= count ? n : undefined;
}

/** The one value of `key`, or undefined when it is missing, repeated or not in `allowed`. */
function one<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T | undefined {
  const values = params.getAll(key);
  if (values.length !== 1) return undefined;
  return (allowed as readonly string[]).includes(values[0] as string) ? (values[0] as T) : undefined;
}

export function parseUrlState(search: string, options: ParseOptions): UrlState {
  const params = migrateQuery(search, urlMigrations(options.renamedTypes, options.migrations));
  const state: UrlState = {};
  const country = one(params, 'country', options.countries);
  const lang = one(params, 'lang', options.langs ?? LANGS);
  const theme = one(params, 'theme', THEMES);
  const view = one(params, 'view', VIEWS);
  if (country) state.country = country;
  if (lang) state.lang = lang;
  if (theme) state.theme = theme;
  if (view) state.view = view;
  if (one(params, 'links', ['0'])) state.links = false;
  const types = params.getAll('types');
  // `types=` is the reader's choice of no type at all (absent means every type); a list whose ids
  // are all unknown is a bad link, ignored like any other bad value.
  if (types.length === 1 && types[0] === '') state.types = [];
  else if (types.length === 1) {
    const valid = new Set((types[0] as string).split(',').filter((t) => options.types.includes(t)));
    // Keep only if at least one id is valid; unknown ids are dropped, not fatal.
    if (valid.size > 0) state.types = options.types.filter((t) => valid.has(t));
  }
  const dates = params.getAll('date');
  const { months } = options;
  if (months && dates.length === 1 && isInRange(dates[0], months) && dates[0] !== months.last) state.date = dates[0];
  const step = stepOf(params, options.steps);
  if (step === undefined) return state;
  // The step decides what it shows: a country, types or date beside it are not what the page shows.
  const { country: _c, types: _t, date: _d, ...rest } = state;
  return { ...rest, step };
}

/** The URL state of the store's state: only what differs from the defaults. */
export function toUrlState(
  state: Pick<AppState, 'selected' | 'activeTypes' | 'allTypes' | 'lang' | 'theme' | 'view'> &
    Partial<Pick<AppState, 'date' | 'links' | 'step'>>,
): UrlState {
  const out: UrlState = {};
  if (state.step) out.step = state.step;
  else storyFreeState(state, out);
  if (state.lang !== DEFAULT_STATE.lang) out.lang = state.lang;
  if (state.theme) out.theme = state.theme;
  if (state.view !== DEFAULT_STATE.view) out.view = state.view;
  if (state.links === false) out.links = false;
  return out;
}

/** The country, types and date of a view outside the story. */
function storyFreeState(
  state: Pick<AppState, 'selected' | 'activeTypes' | 'allTypes'> & Partial<Pick<AppState, 'date'>>,
  out: UrlState,
): void {
  if (state.selected) out.country = state.selected;
  if (state.activeTypes.length !== state.allTypes.length) out.types = [...state.activeTypes];
  // The store keeps the "as of" month as null, so a date here always differs from it.
  if (state.date) out.date = state.date;
}

/** Initial store state from a parsed URL. */
export function fromUrlState(url: UrlState): Partial<AppState> {
  const out: Partial<AppState> = {};
  if (url.country) out.selected = url.country;
  if (url.types) out.activeTypes = url.types;
  if (url.lang) out.lang = url.lang;
  if (url.theme) out.theme = url.theme;
  if (url.view) out.view = url.view;
  if (url.date) out.date = url.date;
  if (url.links === false) out.links = false;
  if (url.step) out.step = url.step;
  return out;
}

/**
 * A query string ("" or "?…") for `state`, keeping the parameters of `base` that are not ours.
 * Commas in the type list are left readable.
 */
export function serializeUrlState(state: UrlState, base = ''): string {
  const params = new URLSearchParams(base);
  for (const key of STATE_PARAMS) params.delete(key);
  if (state.country) params.set('country', state.country);
  if (state.types) params.set('types', state.types.join(','));
  if (state.lang) params.set('lang', state.lang);
  if (state.theme) params.set('theme', state.theme);
  if (state.view) params.set('view', state.view);
  if (state.date) params.set('date', state.date);
  if (state.links === false) params.set('links', '0');
  if (state.step) params.set('step', String(state.step));
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

/**
 * Puts `state` in the address bar in place of the app's own parameters (history.replaceState: no
 * new entry), leaving every other parameter (a host's `utm_*`, `embed`) as it is. At start-up,
 * with the parsed address, it drops what the app ignored (`date=9999-99`), so the address bar
 * never says something the page does not show, and an old link's renamed parameters (`migrations`,
 * as `parseUrlState` was given them) take their current names.
 */
export function replaceAddress(
  state: UrlState,
  win: Window = window,
  migrations: readonly UrlMigration[] = URL_MIGRATIONS,
): void {
  const search = serializeUrlState(state, migrateQuery(win.location.search, migrations).toString());
  if (search !== win.location.search)
    win.history.replaceState(win.history.state, '', `${win.location.pathname}${search}${win.location.hash}`);
}

/** How long the address bar may lag the store, ms (see `syncUrlWithStore`). */
export const URL_SYNC_DELAY = 100;

/**
 * Keeps the address bar in step with the store (history.replaceState: no new history entries), at
 * most once per `delay` ms and after the change: replaceState costs a few milliseconds that would
 * otherwise sit between a click and its frame, and a dragged date slider or Play would flood the
 * browser's navigation throttle. Always compared with the actual address, so a first change back to
 * the defaults (Esc after loading `?country=PER`) still clears the old parameters. The returned
 * function stops it, writing a pending change first.
 */
export function syncUrlWithStore(store: AppStore, win: Window = window, delay = URL_SYNC_DELAY): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    replaceAddress(toUrlState(store.getState()), win);
  };
  const unsubscribe = store.subscribe(() => {
    timer ??= setTimeout(write, delay);
  });
  return () => {
    unsubscribe();
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
}
