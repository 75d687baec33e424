/**
 * The one path from the reader's view to MapLibre: `applyMapState(map, before, after)` issues
 * exactly the setters that differ between what the map already shows and what it should show.
 * Called at `load` (with only the data the style was built with as `before`, so everything else
 * is set), on every change, and after anything that may have dropped state (a restored WebGL
 * context: `before` = {} re-applies everything). Pure with respect to React: no hooks, no refs.
 */
import type { ThemeName } from '../data/palette.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { MapLike } from './map-adapter.ts';
import { countState, SOURCE_ID, themePaint } from './map-style.ts';

export interface MapViewState {
  theme: ThemeName;
  /** Fill colour per focus country for the current filter; null = no matching measure (hatched). */
  colours: Record<CountryCode, string | null>;
  selected: CountryCode | null;
  hovered: CountryCode | null;
  /** The canvas's accessible name, in the reader's language. */
  canvasLabel: string;
  /** The composed boundary features (composition.ts); a new object whenever the composition changes. */
  features: GeoJSON.FeatureCollection;
}

/** What `applyMapState` touches: MapLibre's map, the SVG renderer, or a still's drawing (still.ts). */
export type StyleTarget = Pick<MapLike, 'getSource' | 'setPaintProperty' | 'setFeatureState'> & {
  getCanvas(): { setAttribute(name: string, value: string): void };
};

export function applyMapState(map: StyleTarget, before: Partial<MapViewState>, after: MapViewState): void {
  if (before.features !== after.features) {
    const source = map.getSource(SOURCE_ID);
    if (source && 'setData' in source && typeof source.setData === 'function') source.setData(after.features);
    else console.error(new Error(`map: no GeoJSON source "${SOURCE_ID}" to take the composed features`));
  }
  if (before.theme !== after.theme)
    for (const [layer, property, value] of themePaint(after.theme)) map.setPaintProperty(layer, property, value);
  // Feature-state is keyed by the promoted `iso3`, so a country's main and inset copies share it.
  const setState = (id: CountryCode | null | undefined, state: Record<string, boolean | string>) => {
    if (id) map.setFeatureState({ source: SOURCE_ID, id }, state);
  };
  // Counts as feature-state: repainted in the frame, where a filter or a data-driven paint value
  // would send every tile back through MapLibre's worker (map-style.ts).
  if (before.theme !== after.theme || before.colours !== after.colours)
    for (const [country, state] of countState(after.colours, after.theme)) setState(country, state);
  const everything = !('selected' in before);
  if (everything) {
    for (const c of Object.keys(after.colours))
      setState(c, { selected: c === after.selected, hover: c === after.hovered });
  } else {
    if (before.selected !== after.selected) {
      setState(before.selected, { selected: false });
      setState(after.selected, { selected: true });
    }
    if (before.hovered !== after.hovered) {
      setState(before.hovered, { hover: false });
      setState(after.hovered, { hover: true });
    }
  }
  if (before.canvasLabel !== after.canvasLabel) map.getCanvas().setAttribute('aria-label', after.canvasLabel);
}
