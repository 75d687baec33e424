/**
 * The app's one store, made by a factory so every test and every embed gets a fresh one.
 * It holds only what the reader chose; counts, colours and visible measures are selectors.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isInRange, isMonth, type Month, type MonthRange } from '../data/timeline.ts';
import type { CountryCode, MeasureTypeId } from '../data/vocabulary.ts';
import type { Lang } from '../i18n/strings.ts';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const VIEWS = ['map', 'table', 'overview'] as const;
export type View = (typeof VIEWS)[number];

export interface AppState {
  selected: CountryCode | null;
  /** A measure the reader opened from the table or the overview: the panel scrolls to it. */
  measure: string | null;
  hovered: CountryCode | null;
  /** Active measure types, always in `allTypes` order (so equal choices are equal arrays). */
  activeTypes: readonly MeasureTypeId[];
  /** The data's measure types, in legend order: fixed for the store's life (not a choice). */
  allTypes: readonly MeasureTypeId[];
  lang: Lang;
  /** Forced colour theme; null follows the system (prefers-color-scheme). */
  theme: Theme | null;
  view: View;
  /** The month shown ('YYYY-MM'); null = the "as of" month (today's picture). */
  date: Month | null;
  /** Policy links drawn on the map (off: `links=0` in the URL). */
  links: boolean;
  /** The story step shown (1-based), or null when the reader is not in the story. */
  step: number | null;
  /** The step the reader left by choosing something themselves (offered as "Back to step N"). */
  leftStep: number | null;
  /**
   * Not a choice but the layout's: how much of the viewport's bottom the phones' bottom sheet
   * covers (CSS px; 0 when there is none), so the map keeps the selected country above it.
   */
  sheetHeight: number;
}

export interface AppActions {
  select(country: CountryCode | null): void;
  /** Opens a country's panel at one of its measures (from the table or the overview). */
  openMeasure(country: CountryCode, measureId: string): void;
  setLang(lang: Lang): void;
  setView(view: View): void;
  hover(country: CountryCode | null): void;
  toggleType(type: MeasureTypeId): void;
  setTypes(types: readonly MeasureTypeId[]): void;
  resetTypes(): void;
  /**
   * Shows the picture at a month; null (or the "as of" month itself) = "as of".
   * @throws Error for a value that is not 'YYYY-MM' or is outside the store's range.
   */
  setDate(month: Month | null): void;
  setLinks(on: boolean): void;
  setSheetHeight(px: number): void;
  /**
   * Shows story step `n` (1-based): its month, its types, its country (or none), its links
   * emphasised. A number that is not a step is ignored.
   */
  goToStep(n: number): void;
}

/** What a story step sets (dataset.json `steps`). */
export interface StepSettings {
  month: Month;
  country?: CountryCode;
  /** Omitted: every type. */
  types?: readonly MeasureTypeId[];
  links?: readonly string[];
}

export interface StoreOptions {
  /** The data's measure types, in legend order (`typeIds(data)`): all are active at first. */
  types: readonly MeasureTypeId[];
  /** The data's time range (`dateRange(data)`): `setDate` refuses months outside it, and its last month (as of) is stored as null. */
  range?: MonthRange;
  /** The story's steps, in order (the data's `steps`); none by default. */
  steps?: readonly StepSettings[];
}

export type AppStore = StoreApi<AppState & AppActions>;

export const DEFAULT_STATE: Omit<AppState, 'activeTypes' | 'allTypes'> = {
  selected: null,
  measure: null,
  hovered: null,
  lang: 'en',
  theme: null,
  view: 'map',
  date: null,
  links: true,
  step: null,
  leftStep: null,
  sheetHeight: 0,
};

type SetState = StoreApi<AppState & AppActions>['setState'];
type GetState = StoreApi<AppState & AppActions>['getState'];

/** The store's rules, from its options: type order, the date's range, what a step sets. */
function storeRules({ range, types: allTypes, steps = [] }: StoreOptions) {
  const inTypeOrder = (types: Iterable<MeasureTypeId>) => {
    const set = new Set(types);
    return allTypes.filter((t) => set.has(t));
  };
  const normalDate = (month: Month | null): Month | null => {
    if (month === null) return null;
    if (!isMonth(month)) throw new Error(`setDate: expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
    if (range && !isInRange(month, range))
      throw new Error(`setDate: ${month} is outside the data's range ${range.first} to ${range.last}`);
    return range && month === range.last ? null : month;
  };
  /** What step `n` sets, or null when there is no such step. */
  const stepState = (n: number | null | undefined): Partial<AppState> | null => {
    const s = typeof n === 'number' && Number.isInteger(n) ? steps[n - 1] : undefined;
    if (!s) return null;
    return {
      step: n as number,
      leftStep: null,
      date: normalDate(s.month),
      activeTypes: s.types ? inTypeOrder(s.types) : allTypes,
      selected: s.country ?? null,
      measure: null,
    };
  };
  return { allTypes, inTypeOrder, normalDate, stepState };
}

function storeActions(set: SetState, get: GetState, rules: ReturnType<typeof storeRules>): AppActions {
  const { allTypes, inTypeOrder, normalDate, stepState } = rules;
  /** A choice of the reader's own: leaves the story (remembering the step, for "Back to step N"). */
  const own = (change: Partial<AppState>): Partial<AppState> => {
    const { step } = get();
    return step === null ? change : { ...change, step: null, leftStep: step };
  };
  return {
    select: (country) =>
      set(get().selected === country ? { measure: null } : own({ selected: country, measure: null })),
    openMeasure: (country, measureId) => set(own({ selected: country, measure: measureId, view: 'map' })),
    setLang: (lang) => set({ lang }),
    setView: (view) => set({ view }),
    hover: (country) => {
      if (get().hovered !== country) set({ hovered: country });
    },
    toggleType: (type) => {
      const active = new Set(get().activeTypes);
      if (active.has(type)) active.delete(type);
      else active.add(type);
      set(own({ activeTypes: inTypeOrder(active) }));
    },
    setTypes: (types) => set(own({ activeTypes: inTypeOrder(types) })),
    resetTypes: () => set(own({ activeTypes: allTypes })),
    setDate: (month) => {
      const date = normalDate(month);
      if (get().date !== date) set(own({ date }));
    },
    setLinks: (links) => set({ links }),
    setSheetHeight: (px) => {
      const sheetHeight = Math.max(0, Math.round(px));
      if (get().sheetHeight !== sheetHeight) set({ sheetHeight });
    },
    goToStep: (n) => {
      const next = stepState(n);
      if (next) set(next);
    },
  };
}

export function createAppStore(initial: Partial<Omit<AppState, 'allTypes'>>, options: StoreOptions): AppStore {
  const rules = storeRules(options);
  return createStore<AppState & AppActions>()((set, get) => ({
    ...DEFAULT_STATE,
    ...initial,
    date: rules.normalDate(initial.date ?? null),
    allTypes: rules.allTypes,
    activeTypes: rules.inTypeOrder(initial.activeTypes ?? rules.allTypes),
    // A step in the address (`step=N`) sets what it shows; another number is no step.
    ...(rules.stepState(initial.step) ?? { step: null }),
    ...storeActions(set, get, rules),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

/** Subscribes a component to one narrow slice of the store. */
export function useAppStore<T>(selector: (state: AppState & AppActions) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider>');
  return useStore(store, selector);
}

/** The store itself, for imperative subscribers such as the map. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi needs a <StoreContext.Provider>');
  return store;
}
