/**
 * Text widths for the stills drawn at build time (still.ts: the prerendered first screen,
 * fallback.svg, the social card): measured from a real font's glyph advances and kerning, the
 * same font the social card is rasterised with (DejaVu Sans, from the `dejavu-fonts-ttf` package;
 * its licence is a free one, see README "Sources and licences"). In a reader's browser the same
 * text is drawn in their system font, which is narrower than DejaVu Sans in most systems, so the
 * layout errs on the side of room, never of clipping.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font } from 'opentype.js';
import type { MeasureText } from '../map/still.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The font files: regular for weights below 600, bold from 600. */
export const FONT_FILES = {
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
} as const;

/** The family name the files declare (the social card's default font). */
export const FONT_FAMILY = 'DejaVu Sans';

let fonts: { regular: Font; bold: Font } | null = null;

function load(path: string): Font {
  const bytes = readFileSync(path);
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function fontMeasure(): MeasureText {
  fonts ??= { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
  const { regular, bold } = fonts;
  return (text, size, weight) => advance(weight >= 600 ? bold : regular, text) * (size / regular.unitsPerEm);
}

/**
 * The advance of `text` in font units: each character's glyph advance plus the kerning between
 * neighbours (opentype.js's own shaping stops on DejaVu's contextual substitutions; Latin text
 * needs none).
 */
function advance(font: Font, text: string): number {
  let width = 0;
  let previous: ReturnType<Font['charToGlyph']> | null = null;
  for (const ch of text) {
    const glyph = font.charToGlyph(ch);
    width += glyph.advanceWidth ?? 0;
    if (previous) width += font.getKerningValue(previous, glyph);
    previous = glyph;
  }
  return width;
}
