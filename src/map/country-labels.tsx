/**
 * The country labels drawn over the map, with leader lines for callouts. React renders their
 * text (name and count, which change with the filter and language); the map component positions
 * them imperatively on every camera move, so panning never re-renders React.
 * They are pointer targets only: keyboard and screen-reader users get the same buttons in the
 * country list, so these are hidden from assistive technology and kept out of the tab order.
 */
import './country-labels.css';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { formatCount } from '../data/format.ts';
import type { Counts } from '../data/selectors.ts';
import { countryCodes, countryName } from '../data/story.ts';
import type { CountryCode } from '../data/vocabulary.ts';
import type { Lang } from '../i18n/strings.ts';
import { usePolicyData } from '../state/data-context.ts';
import type { LabelBox } from './label-layout.ts';

export interface CountryLabelsHandle {
  /** Measured label sizes in CSS px. */
  sizes(): Record<CountryCode, { width: number; height: number }>;
  /** Moves labels, leader lines and anchor dots to the computed layout. */
  place(boxes: LabelBox[]): void;
}

interface Props {
  counts: Counts;
  lang: Lang;
  selected: CountryCode | null;
  onSelect(country: CountryCode): void;
  onHover(country: CountryCode | null): void;
}

export const CountryLabels = forwardRef<CountryLabelsHandle, Props>(function CountryLabels(
  { counts, lang, selected, onSelect, onHover },
  ref,
) {
  const data = usePolicyData();
  const buttons = useRef(new Map<CountryCode, HTMLButtonElement>());
  const lines = useRef(new Map<CountryCode, SVGLineElement>());
  const dots = useRef(new Map<CountryCode, SVGCircleElement>());

  useImperativeHandle(ref, () => ({
    sizes() {
      return measureLabels(countryCodes(data), buttons.current);
    },
    place(boxes) {
      for (const box of boxes) {
        const id = box.id as CountryCode;
        placeLabel(box, buttons.current.get(id), lines.current.get(id), dots.current.get(id));
      }
    },
  }));

  return (
    <div className="map-labels" aria-hidden="true">
      <svg className="map-leaders" aria-hidden="true">
        {countryCodes(data).map((c) => (
          <g key={c} data-country={c}>
            <line ref={(el) => void (el ? lines.current.set(c, el) : lines.current.delete(c))} />
            <circle
              r={2.5}
              data-anchor={c}
              ref={(el) => void (el ? dots.current.set(c, el) : dots.current.delete(c))}
            />
          </g>
        ))}
      </svg>
      {countryCodes(data).map((c) => (
        <button
          key={c}
          type="button"
          tabIndex={-1}
          className="map-label"
          data-country={c}
          data-selected={selected === c || undefined}
          data-empty={counts[c] === 0 || undefined}
          title={`${countryName(data, c, lang)}, ${formatCount(counts[c] ?? 0, lang)}`}
          ref={(el) => void (el ? buttons.current.set(c, el) : buttons.current.delete(c))}
          onClick={() => onSelect(c)}
          onPointerEnter={() => onHover(c)}
          onPointerLeave={() => onHover(null)}
        >
          <span className="map-label-name">{countryName(data, c, lang)}</span>
          <span className="map-label-count">{counts[c] ?? 0}</span>
        </button>
      ))}
    </div>
  );
});

/** Each label's size in CSS px, as measured (0 × 0 for one not rendered). */
function measureLabels(
  codes: readonly CountryCode[],
  buttons: Map<CountryCode, HTMLButtonElement>,
): Record<CountryCode, { width: number; height: number }> {
  const out: Record<CountryCode, { width: number; height: number }> = {};
  for (const c of codes) {
    const b = buttons.get(c);
    out[c] = { width: b?.offsetWidth ?? 0, height: b?.offsetHeight ?? 0 };
  }
  return out;
}

/** Moves one label to its box, and its leader line and anchor dot (shown for a callout only). */
function placeLabel(box: LabelBox, button?: HTMLButtonElement, line?: SVGLineElement, dot?: SVGCircleElement): void {
  if (button) {
    button.style.transform = `translate(${Math.round(box.x)}px, ${Math.round(box.y)}px)`;
    button.style.visibility = 'visible';
  }
  if (line) {
    // From the label's nearest edge point to its country's anchor.
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    line.setAttribute('x1', String(clamp(box.anchor.x, box.x, box.x + box.width)));
    line.setAttribute('y1', String(clamp(box.anchor.y, box.y, box.y + box.height)));
    line.setAttribute('x2', String(box.anchor.x));
    line.setAttribute('y2', String(box.anchor.y));
    line.style.visibility = box.callout ? 'visible' : 'hidden';
  }
  if (dot) {
    dot.setAttribute('cx', String(box.anchor.x));
    dot.setAttribute('cy', String(box.anchor.y));
    dot.style.opacity = box.callout ? '1' : '0';
  }
}
