/**
 * The layout's breakpoints, and the rules that depend on them, in one place. The stylesheets use
 * the same numbers in their media queries (a unit test checks they agree).
 */
import { useMediaQuery } from './use-media-query.ts';

/** Phones and narrow columns: compact filter, bottom sheet, a 4:5 map. */
export const NARROW_MAX = 640;
/** From here the panel sits beside the map. */
export const WIDE_MIN = 900;

export const NARROW_QUERY = `(max-width: ${NARROW_MAX}px)`;
export const WIDE_QUERY = `(min-width: ${WIDE_MIN}px)`;

/** The filter collapses to a one-line summary that opens the checkboxes. */
export const isCompactFilter = (viewportWidth: number) => viewportWidth <= NARROW_MAX;

/** True on narrow viewports (follows resizes and rotation). Phones also get the panel as a bottom sheet. */
export const useNarrow = (): boolean => useMediaQuery(NARROW_QUERY);

/** useNarrow, but null while hydrating the prerendered page (which was written for no width in particular). */
export const useNarrowOnceKnown = (): boolean | null => useMediaQuery(NARROW_QUERY, null);

/**
 * True where the panel sits beside the map (the story's steps are shown at the top of its column);
 * null while hydrating the prerendered page, which was written for no width in particular.
 */
export const useWide = (): boolean | null => useMediaQuery(WIDE_QUERY, null);
