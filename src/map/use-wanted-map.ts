/**
 * What the map should show now, from the store and the data: the controller's props (map-controller.ts)
 * and what the overlays render (labels' counts, prison symbols, policy links). One hook, so the
 * component hands the controller one object that changes only when something it shows changed.
 */
import { useMemo } from 'react';
import { mappedFacilities } from '../data/facilities.ts';
import { linksShownAt, outsideActors } from '../data/links.ts';
import { colourByCountry } from '../data/selectors.ts';
import { asOfMonth } from '../data/timeline.ts';
import { useMatchingCounts, usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import type { MapProps } from './map-controller.ts';

export function useWantedMap() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const selected = useAppStore((s) => s.selected);
  const date = useAppStore((s) => s.date);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const showLinks = useAppStore((s) => s.links);
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
  // Policy links that exist at the date, oldest first (undated last), unless the reader hid them.
  const links = useMemo(() => (showLinks ? linksShownAt(data, date ?? asOfMonth(data)) : []), [data, date, showLinks]);
  const outside = useMemo(
    () =>
      outsideActors(
        data,
        links.map((l) => l.link),
      ),
    [data, links],
  );
  const props = useMemo(
    (): MapProps => ({
      theme,
      colours,
      selected,
      canvasLabel: t.mapCanvasLabel,
      facilities,
      links: links.map(({ link, ended }) => ({
        id: link.id,
        from: link.from,
        to: link.to,
        mutual: link.mutual,
        ended,
      })),
      sheetHeight,
      // Label text (count, language) and the date stamp change the overlays' sizes. Selection does
      // not (the selected label has a ring of the same size), so a click lays out nothing.
      textKey: `${lang}|${date}|${Object.values(counts).join(',')}`,
    }),
    [theme, colours, selected, t.mapCanvasLabel, facilities, links, sheetHeight, lang, date, counts],
  );
  return { props, lang, selected, counts, facilities, links, outside, date };
}
