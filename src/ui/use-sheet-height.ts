/**
 * Tells the store how much of the screen the phones' bottom sheet covers, so the map keeps the
 * selected country above it (map-controller.ts); 0 once the sheet is gone. Its height follows the
 * sheet's own size (expanding, collapsing, rotating the phone).
 */
import { type RefObject, useLayoutEffect } from 'react';
import { useAppStoreApi } from '../state/store.ts';

export function useSheetHeight(ref: RefObject<HTMLElement | null>, sheet: boolean): void {
  const store = useAppStoreApi();
  useLayoutEffect(() => {
    const el = ref.current;
    const report = (px: number) => store.getState().setSheetHeight(px);
    if (!sheet || !el) return report(0);
    // The part of the viewport it covers: from its top edge to the viewport's bottom.
    const measure = () => report(Math.max(0, window.innerHeight - el.getBoundingClientRect().top));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
      report(0);
    };
  }, [ref, sheet, store]);
}
