/**
 * Prisons with sourced coordinates (today CECOT and the Swan Islands plan) as point symbols over
 * the map: area proportional to capacity (d3-scale's scaleSqrt), solid when operating, hollow and
 * dashed when planned, approved, under construction or stalled. Each is a focusable button named
 * after the measure that opens its country's panel at that measure. React renders them; the map
 * component positions them on camera moves (like the country labels), and the labels avoid them.
 */
import './facility-symbols.css';
import { forwardRef, memo, useImperativeHandle, useRef } from 'react';
import { type FacilityAt, facilityScale, symbolRadius } from '../data/facilities.ts';
import { formatFigureValue } from '../data/format.ts';
import type { Lang } from '../i18n/strings.ts';
import { usePolicyData } from '../state/data-context.ts';

/** Smallest tap target (WCAG 2.5.8), whatever the symbol's size. */
const TARGET = 24;

export interface FacilitySymbolsHandle {
  /** Moves each symbol's centre to its point (CSS px); returns the boxes the labels must avoid. */
  place(points: Record<string, { x: number; y: number }>): { x: number; y: number; width: number; height: number }[];
}

interface Props {
  facilities: FacilityAt[];
  lang: Lang;
  onOpen(facility: FacilityAt): void;
}

/** Memoised: it re-renders only when its own props change (not on every click elsewhere). */
export const FacilitySymbols = memo(
  forwardRef<FacilitySymbolsHandle, Props>(function FacilitySymbols({ facilities, lang, onOpen }, ref) {
    const scale = facilityScale(usePolicyData());
    const buttons = useRef(new Map<string, HTMLButtonElement>());
    useImperativeHandle(ref, () => ({
      place(points) {
        const boxes = [];
        // Sizes first, then moves: one layout, not one per symbol.
        const sizes = new Map(facilities.map((f) => [f.id, buttons.current.get(f.id)?.offsetWidth || TARGET]));
        for (const f of facilities) {
          const b = buttons.current.get(f.id);
          const p = points[f.id];
          if (!b || !p) continue;
          const size = sizes.get(f.id) ?? TARGET;
          const x = Math.round(p.x - size / 2);
          const y = Math.round(p.y - size / 2);
          b.style.transform = `translate(${x}px, ${y}px)`;
          b.style.visibility = 'visible';
          boxes.push({ x, y, width: size, height: size });
        }
        return boxes;
      },
    }));
    return (
      <div className="map-facilities">
        {facilities.map((f) => {
          const radius = symbolRadius(scale, f);
          const operating = f.status === 'operating';
          const value = f.capacity?.values[0];
          return (
            <button
              key={f.id}
              type="button"
              className="facility"
              data-operating={operating || undefined}
              style={
                {
                  '--r': `${radius}px`,
                  width: Math.max(TARGET, 2 * radius),
                  height: Math.max(TARGET, 2 * radius),
                } as React.CSSProperties
              }
              title={value ? `${f.title[lang]}: ${formatFigureValue(value, lang)}` : f.title[lang]}
              ref={(el) => void (el ? buttons.current.set(f.id, el) : buttons.current.delete(f.id))}
              onClick={() => onOpen(f)}
            >
              <span className="facility-dot" aria-hidden="true" />
              <span className="visually-hidden">{f.title[lang]}</span>
            </button>
          );
        })}
      </div>
    );
  }),
);
