/**
 * The policy links over the map: arcs between the countries (and the United States, at the map's
 * edge), and one marker button per link named "Chile → El Salvador, 30 January 2026". Activating
 * a marker opens a small non-modal dialog with what happened and the numbered sources; Esc, the
 * close button or a click elsewhere closes it, and focus returns to the marker. React renders the
 * buttons and the dialog; the map component positions them on every camera move (`place`), like
 * the country labels, so panning never re-renders React.
 */
import './policy-links.css';
import { forwardRef, memo, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { linkName, linkTitle } from '../data/links.ts';
import { countryName } from '../data/story.ts';
import type { LinkAtMonth, PolicyLink } from '../data/timeline.ts';
import type { Lang } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import type { Rect } from './label-layout.ts';
import { type LinkArc, type LinkMarker, MARKER } from './link-layout.ts';

export type ShownLink = LinkAtMonth & { link: PolicyLink };

export interface PolicyLinksHandle {
  /** Sizes of the tags of outside actors (the United States), by code. */
  tagSizes(): Record<string, { width: number; height: number }>;
  /** Draws the arcs, moves the markers and tags; returns nothing (nothing else avoids them). */
  place(layout: { arcs: LinkArc[]; markers: LinkMarker[]; tags: Record<string, Rect> }): void;
}

interface Props {
  links: ShownLink[];
  /** Outside actors that some shown link names (drawn as tags at the map's edge). */
  outside: string[];
  lang: Lang;
  /** The dialog's body below its title (the app passes ui/'s LinkDetails); `done` closes it. */
  details(link: ShownLink, done: () => void): React.ReactNode;
}

/** The link dialog's width, at most; narrower frames get their width less a margin. */
const DIALOG_WIDTH = 300;
const MARGIN = 8;

/** Memoised: it re-renders only when its own props change (not on every click elsewhere). */
export const PolicyLinks = memo(
  forwardRef<PolicyLinksHandle, Props>(function PolicyLinks({ links, outside, lang, details }, ref) {
    const t = useStrings();
    const data = usePolicyData();
    const dialog = useLinkDialog(links);
    const { open, setOpen, close, markers } = dialog;
    const { tags, svgRef } = useLinksHandle(ref, dialog);
    const current = links.find((l) => l.link.id === open);
    return (
      <div ref={dialog.frameRef} className="map-links">
        <svg ref={svgRef} className="map-link-arcs" aria-hidden="true">
          <LinkArrowDefs />
          <g />
        </svg>
        {outside.map((code) => (
          <span
            key={code}
            className="map-link-tag"
            aria-hidden="true"
            ref={(el) => void (el ? tags.current.set(code, el) : tags.current.delete(code))}
          >
            {countryName(data, code, lang)}
          </span>
        ))}
        {/* biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form fieldset. */}
        <div role="group" aria-label={t.linksGroup}>
          {links.map((shown) => (
            <LinkMarkerButton
              key={shown.link.id}
              shown={shown}
              name={linkName(data, shown.link, { ended: shown.ended }, lang)}
              open={open === shown.link.id}
              markers={markers}
              onToggle={() => setOpen(open === shown.link.id ? null : shown.link.id)}
              onEscape={() => close(true)}
            />
          ))}
        </div>
        {current ? (
          <LinkDialog dialog={dialog} title={linkTitle(data, current.link, lang)} closeLabel={t.panelClose}>
            {details(current, () => setOpen(null))}
          </LinkDialog>
        ) : null}
      </div>
    );
  }),
);

/**
 * The open link's dialog: which link is open, the elements it is placed and focused by, and how it
 * closes. It closes when its link no longer shows; opened, it is placed, takes focus, and a click
 * outside it closes it.
 */
function useLinkDialog(links: ShownLink[]) {
  const [open, setOpen] = useState<string | null>(null);
  const markers = useRef(new Map<string, HTMLButtonElement>());
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Where each marker is now, for the dialog's position. */
  const positions = useRef(new Map<string, LinkMarker>());
  const frameRef = useRef<HTMLDivElement>(null);
  const place = () =>
    positionDialog(dialogRef.current, frameRef.current?.parentElement, open ? positions.current.get(open) : undefined);
  const close = (returnFocus: boolean) => {
    const id = open;
    setOpen(null);
    if (returnFocus && id) markers.current.get(id)?.focus();
  };

  // A link that no longer shows (date, filter, links off) closes its dialog.
  useEffect(() => {
    if (open && !links.some((l) => l.link.id === open)) setOpen(null);
  }, [links, open]);

  // Opened: place the dialog and move focus into it; a click outside closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: place reads refs only.
  useEffect(() => {
    if (!open) return;
    place();
    headingRef.current?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (dialogRef.current?.contains(target)) return;
      if ([...markers.current.values()].some((b) => b.contains(target))) return;
      setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return { open, setOpen, close, place, markers, dialogRef, headingRef, positions, frameRef };
}

type LinkDialogState = ReturnType<typeof useLinkDialog>;

/**
 * The handle the map component calls on every camera move: the outside actors' tags' sizes, then
 * placing the arcs, markers, tags and the open dialog. Returns the elements it places.
 */
function useLinksHandle(ref: React.ForwardedRef<PolicyLinksHandle>, dialog: LinkDialogState) {
  const tags = useRef(new Map<string, HTMLElement>());
  const svgRef = useRef<SVGSVGElement>(null);
  useImperativeHandle(ref, () => ({
    tagSizes() {
      return measureTags(tags.current);
    },
    place(layout) {
      const g = svgRef.current?.querySelector('g');
      // The arcs are plain SVG, redrawn on every move: no React state, no re-render.
      if (g) g.replaceChildren(...leaderLines(layout.markers), ...layout.arcs.map(arcPath));
      dialog.positions.current = new Map(layout.markers.map((m) => [m.id, m]));
      moveMarkers(dialog.markers.current, dialog.positions.current);
      moveTags(tags.current, layout.tags);
      dialog.place();
    },
  }));
  return { tags, svgRef };
}

/** The dialog by its marker: below it in the frame's upper half, else above; never wider than the frame. */
function positionDialog(
  dialog: HTMLElement | null,
  frame: HTMLElement | null | undefined,
  marker: LinkMarker | undefined,
): void {
  if (!dialog || !frame || !marker) return;
  const width = Math.min(DIALOG_WIDTH, frame.clientWidth - 2 * MARGIN);
  const left = Math.min(Math.max(marker.x - width / 2, MARGIN), frame.clientWidth - width - MARGIN);
  const below = marker.y < frame.clientHeight / 2;
  dialog.style.width = `${width}px`;
  dialog.style.left = `${left}px`;
  dialog.style.top = below ? `${marker.y + MARKER / 2 + 4}px` : '';
  dialog.style.bottom = below ? '' : `${frame.clientHeight - marker.y + MARKER / 2 + 4}px`;
  dialog.style.maxHeight = `${Math.max(120, (below ? frame.clientHeight - marker.y : marker.y) - MARKER - MARGIN)}px`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Dotted lines from the markers that sit beside their arcs to the arc point they belong to. */
function leaderLines(markers: LinkMarker[]): SVGLineElement[] {
  return markers.flatMap((m) => {
    if (!m.leader) return [];
    const line = document.createElementNS(SVG_NS, 'line');
    line.setAttribute('x1', String(m.x));
    line.setAttribute('y1', String(m.y));
    line.setAttribute('x2', String(m.leader.x));
    line.setAttribute('y2', String(m.leader.y));
    line.setAttribute('class', 'link-leader');
    return [line];
  });
}

/** An arc as an SVG path, with the arrowheads at the ends its links point to. */
function arcPath(a: LinkArc): SVGPathElement {
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', a.d);
  path.dataset.pair = a.key;
  if (a.ended) path.dataset.ended = '';
  if (a.arrowStart) path.setAttribute('marker-start', 'url(#link-arrow-start)');
  if (a.arrowEnd) path.setAttribute('marker-end', 'url(#link-arrow-end)');
  return path;
}

/** Moves each marker button to its marker, turned its way; hides those the layout has no place for. */
function moveMarkers(buttons: Map<string, HTMLButtonElement>, positions: Map<string, LinkMarker>): void {
  for (const [id, button] of buttons) {
    const m = positions.get(id);
    if (!m) {
      button.style.visibility = 'hidden';
      continue;
    }
    button.style.transform = `translate(${m.x - MARKER / 2}px, ${m.y - MARKER / 2}px)`;
    button.style.setProperty('--angle', `${m.angle}deg`);
    button.style.visibility = 'visible';
  }
}

/** Moves each outside actor's tag to its box; hides those the layout has no place for. */
function moveTags(tags: Map<string, HTMLElement>, boxes: Record<string, Rect>): void {
  for (const [code, el] of tags) {
    const box = boxes[code];
    el.style.visibility = box ? 'visible' : 'hidden';
    if (box) el.style.transform = `translate(${box.x}px, ${box.y}px)`;
  }
}

function measureTags(tags: Map<string, HTMLElement>): Record<string, { width: number; height: number }> {
  const out: Record<string, { width: number; height: number }> = {};
  for (const [code, el] of tags) out[code] = { width: el.offsetWidth, height: el.offsetHeight };
  return out;
}

/** The arrowheads at the arcs' ends: pointing along the arc at its end, and back along it at its start. */
function LinkArrowDefs() {
  return (
    <defs>
      <marker
        id="link-arrow-end"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto"
        markerUnits="userSpaceOnUse"
      >
        <path d="M0,1 L9,5 L0,9 z" />
      </marker>
      <marker
        id="link-arrow-start"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
        markerUnits="userSpaceOnUse"
      >
        <path d="M0,1 L9,5 L0,9 z" />
      </marker>
    </defs>
  );
}

/** A link's marker: the button readers focus and click, named for the link; Esc closes its dialog. */
function LinkMarkerButton({
  shown: { link, ended, undated },
  name,
  open,
  markers,
  onToggle,
  onEscape,
}: {
  shown: ShownLink;
  name: string;
  open: boolean;
  markers: React.RefObject<Map<string, HTMLButtonElement>>;
  onToggle(): void;
  onEscape(): void;
}) {
  return (
    <button
      type="button"
      className="map-link-marker"
      data-link={link.id}
      data-mutual={link.mutual || undefined}
      data-ended={ended || undefined}
      data-undated={undated || undefined}
      aria-expanded={open}
      aria-controls={open ? 'link-dialog' : undefined}
      ref={(el) => void (el ? markers.current.set(link.id, el) : markers.current.delete(link.id))}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          onEscape();
        }
      }}
    >
      <svg viewBox="-6 -6 12 12" aria-hidden="true" className="map-link-glyph">
        {link.mutual ? <path d="M-5,0 L-1,-3.5 L-1,3.5 z M5,0 L1,-3.5 L1,3.5 z" /> : <path d="M-3,-4 L4,0 L-3,4 z" />}
      </svg>
      <span className="visually-hidden">{name}</span>
    </button>
  );
}

/** The open link's dialog: its title, the details below it, and a close button; Esc closes it. */
function LinkDialog({
  dialog,
  title,
  closeLabel,
  children,
}: {
  dialog: LinkDialogState;
  title: string;
  closeLabel: string;
  children: React.ReactNode;
}) {
  return (
    <div
      ref={dialog.dialogRef}
      id="link-dialog"
      className="map-link-dialog"
      role="dialog"
      aria-labelledby="link-dialog-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          dialog.close(true);
        }
      }}
    >
      <h2 id="link-dialog-title" ref={dialog.headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <button type="button" className="map-link-close" onClick={() => dialog.close(true)} aria-label={closeLabel}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
