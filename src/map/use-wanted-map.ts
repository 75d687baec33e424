/**
 * What the map should show now, from the store and the data: the controller's props (map-controller.ts)
 * and what the overlays render (labels' counts, prison symbols, policy links). One hook, so the
 * component hands the controller one object that changes only when something it shows changed.
 */
import { useMemo } from 'react';
import { mappedFacilities } from '../data/facilities.ts';
import { linkPairs, linksShownAt, outsideActors, pairFaded } from '../data/links.ts';
import type { PolicyIndex } from '../data/policy-index.ts';
import { colourByCountry } from '../data/selectors.ts';
import { storySteps } from '../data/steps.ts';
import { asOfMonth, type Month } from '../data/timeline.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import type { PairInput } from './link-layout.ts';
import type { MapProps } from './map-controller.ts';
import type { ShownPair } from './policy-links.tsx';

/**
 * Policy links that exist at the date, by pair of places, unless the reader hid them; in a story
 * step, the pairs that hold none of the step's links are faded. And the outside actors they name.
 */
function useShownPairs(data: PolicyIndex, date: Month | null) {
  const showLinks = useAppStore((s) => s.links);
  const step = useAppStore((s) => s.step);
  const links = useMemo((): ShownPair[] => {
    if (!showLinks) return [];
    const stepLinks = step === null ? null : (storySteps(data)[step - 1]?.links ?? []);
    return linkPairs(linksShownAt(data, date ?? asOfMonth(data))).map((p) => ({
      ...p,
      faded: pairFaded(p, stepLinks),
    }));
  }, [data, date, showLinks, step]);
  const outside = useMemo(
    () =>
      outsideActors(
        data,
        links.map(({ ends }) => ({ from: ends, to: [] })),
      ),
    [data, links],
  );
  return { links, outside };
}

/** A pair as the map lays it out. */
const pairInput = ({ key, ends, toFirst, toSecond, ended, faded, links }: ShownPair): PairInput => ({
  key,
  ends,
  toFirst,
  toSecond,
  ended,
  faded,
  count: links.length,
});

export function useWantedMap() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const selected = useAppStore((s) => s.selected);
  const date = useAppStore((s) => s.date);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const sheetHeight = useAppStore((s) => s.sheetHeight);
  const counts = useMatchingCounts();
  const theme = useResolvedTheme();
  const colours = useMemo(() => colourByCountry(counts, theme), [counts, theme]);
  // Prisons with sourced coordinates that exist at the date and match the filter.
  const facilities = useMemo(
    () =>
      (date === null ? mappedFacilities(data) : mappedFacilities(data, date)).filter(
        (f) => f.exists && activeTypes.includes(f.type),
      ),
    [data, date, activeTypes],
  );
  const { links, outside } = useShownPairs(data, date);
  const props = useMemo(
    (): MapProps => ({
      theme,
      colours,
      selected,
      canvasLabel: t.mapCanvasLabel,
      facilities,
      links: links.map(pairInput),
      sheetHeight,
      // Label text (count, language) and the date stamp change the overlays' sizes. Selection does
      // not (the selected label has a ring of the same size), so a click lays out nothing.
      textKey: `${lang}|${date}|${Object.values(counts).join(',')}`,
    }),
    [theme, colours, selected, t.mapCanvasLabel, facilities, links, sheetHeight, lang, date, counts],
  );
  return { props, lang, selected, counts, facilities, links, outside, date };
}
