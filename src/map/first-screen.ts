/** Sizing the map's frame to the first screen of the full page. */
import { type RefObject, useEffect } from 'react';

/**
 * Keeps `--map-top` on the map's frame equal to its distance from the page top, so the stylesheet
 * can size it to end inside the first screen whatever the header, filter and language above it.
 * Not for embeds, whose height must follow from their width alone.
 */
export function useFirstScreenOffset(ref: RefObject<HTMLElement | null>, enabled: boolean): void {
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el) return;
    const update = () => {
      if (el.offsetParent === null) return; // hidden (another view): keep the last value
      const top = `${Math.round(el.getBoundingClientRect().top + window.scrollY)}px`;
      if (el.style.getPropertyValue('--map-top') !== top) el.style.setProperty('--map-top', top);
    };
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    update();
    return () => observer.disconnect();
  }, [ref, enabled]);
}
