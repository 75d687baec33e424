/**
 * "Download image": the reader's current view as one SVG document, drawn by the one still renderer
 * (still.ts) with the boundaries the live map uses and the text measured in the page's own font.
 * The PNGs are this SVG drawn on a canvas (ui/download-image.tsx). Loaded lazily.
 */
import type { Month } from '../data/timeline.ts';
import type { Lang } from '../i18n/strings.ts';
import type { ImageRequest as ViewImageRequest } from '../state/image-request.ts';
import { type Boundaries, loadBoundaries } from './boundaries.ts';
import { type Ink, inkFromDocument } from './ink.ts';
import { canvasMeasure } from './measure-text.ts';
import { type MeasureText, renderStill } from './still.ts';

export interface ImageRequest extends ViewImageRequest {
  /** Injected in tests; else fetched like the live map's. */
  boundaries?: Boundaries;
  /** Injected in tests (jsdom has no canvas); else measured on a canvas in the page's font. */
  measure?: MeasureText;
  /** Injected in tests (jsdom loads no stylesheet); else read from the page's base.css (ink.ts). */
  ink?: Ink;
}

export async function renderImageSvg(req: ImageRequest): Promise<string> {
  const boundaries = req.boundaries ?? (await loadBoundaries());
  return renderStill({
    ...req,
    boundaries,
    measure: req.measure ?? canvasMeasure(),
    ink: req.ink ?? inkFromDocument(req.theme),
  });
}

/** The file name: what it is, the month shown, the language, and the variant when there is one. */
export function imageFileName(
  title: string,
  month: Month,
  lang: Lang,
  ext: 'png' | 'svg',
  variant?: { width: number; height: number },
): string {
  return `${titleSlug(title)}-${month}-${lang}${variant ? `-${variant.width}x${variant.height}` : ''}.${ext}`;
}

/**
 * The title's part before the colon, without a leading article, in lower-case ASCII words joined
 * by hyphens ("The CECOT effect: …" → "cecot-effect"; "El efecto CECOT: …" → "efecto-cecot").
 */
export function titleSlug(title: string): string {
  const head = (title.split(':')[0] ?? title)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(the|a|an|el|la|los|las|un|una|lo)\s+/, '');
  return (
    head
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'map'
  );
}
