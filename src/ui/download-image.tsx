/**
 * "Download image" in the share dialog: the current view as a PNG for social media (1200×675),
 * a square PNG (1080×1080), a PNG at twice the map's current size, or an SVG. The SVG document
 * comes from map/export-image.ts (loaded only when a button is pressed; ui/ does not import map/,
 * so the app passes the loader in); a PNG is that SVG drawn on a canvas from a blob: URL (the CSP's
 * img-src allows blob:) and saved with canvas.toBlob. Nothing is requested from a server.
 */
import './download-image.css';
import { useState } from 'react';
import { asOfMonth, type Month } from '../data/timeline.ts';
import type { Lang, Strings } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import type { ImageRequest } from '../state/image-request.ts';
import { useAppStore } from '../state/store.ts';
import { useResolvedTheme } from '../state/theme.ts';
import { downloadBlob } from './download.ts';

/** What map/export-image.ts provides (structurally; app.tsx passes the lazily loaded module). */
export interface ImageExport {
  renderImageSvg(req: ImageRequest): Promise<string>;
  imageFileName(
    title: string,
    month: Month,
    lang: Lang,
    ext: 'png' | 'svg',
    variant?: { width: number; height: number },
  ): string;
}

const VARIANTS = ['social', 'square', 'large', 'svg'] as const;
type Variant = (typeof VARIANTS)[number];

/** The map frame's CSS size now (a sensible default while the map view is hidden). */
function mapSize(): { width: number; height: number } {
  const frame = document.querySelector<HTMLElement>('.map .map-canvas');
  const width = Math.round(frame?.clientWidth ?? 0);
  const height = Math.round(frame?.clientHeight ?? 0);
  return width > 0 && height > 0 ? { width, height } : { width: 960, height: 600 };
}

/** Draws the SVG on a canvas `scale` times its size and encodes it as PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

type View = Omit<ImageRequest, 'width' | 'height'>;

/** The reader's view now, as the image shows it. */
function useView(): View {
  const data = usePolicyData();
  const strings = useStrings();
  const theme = useResolvedTheme();
  const lang = useAppStore((s) => s.lang);
  const selected = useAppStore((s) => s.selected);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const date = useAppStore((s) => s.date);
  const links = useAppStore((s) => s.links);
  return { data, strings, lang, theme, activeTypes, date, selected, links };
}

/** The image's size: fixed for social media and the square, else the map's size now. */
function frameOf(variant: Variant): { width: number; height: number } {
  return variant === 'social'
    ? { width: 1200, height: 675 }
    : variant === 'square'
      ? { width: 1080, height: 1080 }
      : mapSize();
}

/** Renders the view as the variant asks, with the file name to save it under. */
async function makeImage(mod: ImageExport, view: View, variant: Variant): Promise<{ name: string; blob: Blob }> {
  const { data, lang, date } = view;
  const frame = frameOf(variant);
  const svg = await mod.renderImageSvg({ ...view, ...frame });
  const month = date ?? asOfMonth(data);
  const title = data.meta.title[lang];
  const fixed = variant === 'social' || variant === 'square' ? frame : undefined;
  const name = mod.imageFileName(title, month, lang, variant === 'svg' ? 'svg' : 'png', fixed);
  const blob =
    variant === 'svg'
      ? new Blob([svg], { type: 'image/svg+xml' })
      : await svgToPng(svg, frame.width, frame.height, variant === 'large' ? 2 : 1);
  return { name, blob };
}

/** Downloads one variant of the view, saying how it goes (preparing, saved, failed). */
function useImageDownload(load: () => Promise<ImageExport>) {
  const view = useView();
  const t = view.strings;
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const download = async (variant: Variant) => {
    setBusy(true);
    setStatus(t.downloadPreparing);
    try {
      const { name, blob } = await makeImage(await load(), view, variant);
      downloadBlob(name, blob);
      setStatus(t.downloadDone.replace('{file}', name));
    } catch (error) {
      console.warn('image export failed', error);
      setStatus(t.downloadFailed);
    } finally {
      setBusy(false);
    }
  };
  return { status, busy, download };
}

const sizeText = (w: number, h: number) => `${w}×${h}`;

/** Each button's label; the large PNG and the SVG give their size (the map's now). */
function variantLabels(t: Strings): Record<Variant, string> {
  const size = mapSize();
  return {
    social: t.downloadSocial,
    square: t.downloadSquare,
    large: t.downloadLarge.replace('{size}', sizeText(size.width * 2, size.height * 2)),
    svg: t.downloadSvg.replace('{size}', sizeText(size.width, size.height)),
  };
}

export function DownloadImage({ load }: { load: () => Promise<ImageExport> }) {
  const t = useStrings();
  const { status, busy, download } = useImageDownload(load);
  const labels = variantLabels(t);
  return (
    <section className="download-image" aria-labelledby="download-image-title">
      <h3 id="download-image-title">{t.downloadImage}</h3>
      <p>{t.downloadImageIntro}</p>
      <div className="download-image-buttons">
        {VARIANTS.map((variant) => (
          <button
            key={variant}
            type="button"
            className="download-image-button"
            disabled={busy}
            data-variant={variant}
            onClick={() => download(variant)}
          >
            {labels[variant]}
          </button>
        ))}
      </div>
      <p className="download-status" role="status">
        {status}
      </p>
    </section>
  );
}
