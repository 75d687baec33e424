/**
 * Text widths for the stills drawn in the browser (still.ts): measured on a canvas in the page's
 * own font, so what the still lays out is what the reader's browser draws.
 */
import { type MeasureText, STILL_FONT_FAMILY } from './still.ts';

export function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('still: this browser has no 2D canvas to measure text with');
  const widths = new Map<string, number>();
  return (text, size, weight) => {
    const key = `${weight} ${size} ${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      context.font = `${weight} ${size}px ${STILL_FONT_FAMILY}`;
      width = context.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}
