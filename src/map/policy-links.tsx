/**
 * The policy links over the map, one arc and one marker per pair of places (the United States at
 * the map's edge): the marker shows how many links the pair has and is a button named "Costa Rica
 * and El Salvador: 7 links, November 2024 – February 2026". Activating it opens a small non-modal
 * dialog listing the pair's links by date, each with its kind, date, text and numbered sources;
 * Esc, the close button or a click elsewhere closes it, and focus returns to the marker. In a
 * story step, the pairs holding none of its links are faded. React renders the buttons and the
 * dialog; the map component positions them on every camera move (`place`), like the country
 * labels, so panning never re-renders React.
 */
import './policy-links.css';
import { forwardRef, memo, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { type LinkPair, linkTitle, pairName, pairSummary, pairTitle } from '../data/links.ts';
import { countryName } from '../data/story.ts';
import type { LinkAtMonth, PolicyLink } from '../data/timeline.ts';
import type { Lang } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import type { Rect } from './label-layout.ts';
import { type LinkArc, type LinkMarker, MARKER } from './link-layout.ts';

export type ShownLink = LinkAtMonth & { link: PolicyLink };
/** A pair of places drawn on the map: faded in a story step that holds none of its links. */
export type ShownPair = LinkPair & { faded: boolean };

export interface PolicyLinksHandle {
  /** Sizes of the tags of outside actors (the United States), by code. */
  tagSizes(): Record<string, { width: number; height: number }>;
  /** Draws the arcs, moves the markers and tags; returns nothing (nothing else avoids them). */
  place(layout: { arcs: LinkArc[]; markers: LinkMarker[]; tags: Record<string, Rect> }): void;
}

interface Props {
  /** The links shown, by pair of places (data/links.ts `linkPairs`), in the order of their first link. */
  links: ShownPair[];
  /** Outside actors that some shown link names (drawn as tags at the map's edge). */
  outside: string[];
  lang: Lang;
  /**
   * What the dialog says of each of the pair's links, below the link's heading (the app passes
   * ui/'s LinkDetails); `done` closes the dialog; `index` is the link's place in the list.
   */
  details(link: ShownLink, done: () => void, index: number): React.ReactNode;
}

/** The link dialog's width, at most; narrower frames get their width less a margin. */
const DIALOG_WIDTH = 300;
const MARGIN = 8;
/** Below this height above or below its marker, the dialog goes beside it (where there is room). */
const ROOM = 280;

/** Memoised: it re-renders only when its own props change (not on every click elsewhere). */
export const PolicyLinks = memo(
  forwardRef<PolicyLinksHandle, Props>(function PolicyLinks({ links, outside, lang, details }, ref) {
    const t = useStrings();
    const data = usePolicyData();
    const dialog = useLinkDialog(links);
    const { open, setOpen, close, markers } = dialog;
    const { tags, svgRef } = useLinksHandle(ref, dialog);
    const current = links.find((p) => p.key === open);
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
            data-faded={links.every((p) => !p.ends.includes(code) || p.faded) || undefined}
            ref={(el) => void (el ? tags.current.set(code, el) : tags.current.delete(code))}
          >
            {countryName(data, code, lang)}
          </span>
        ))}
        {/* biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form fieldset. */}
        <div role="group" aria-label={t.linksGroup}>
          {links.map((pair) => (
            <PairMarkerButton
              key={pair.key}
              pair={pair}
              name={pairName(data, pair, lang)}
              open={open === pair.key}
              markers={markers}
              onToggle={() => setOpen(open === pair.key ? null : pair.key)}
              onEscape={() => close(true)}
            />
          ))}
        </div>
        {current ? (
          <LinkDialog
            dialog={dialog}
            title={pairTitle(data, current, lang)}
            summary={pairSummary(current, lang)}
            closeLabel={t.panelClose}
          >
            <ol className="map-link-list">
              {current.links.map((shown, i) => (
                <li key={shown.link.id}>
                  <h3>{linkTitle(data, shown.link, lang)}</h3>
                  {details(shown, () => setOpen(null), i)}
                </li>
              ))}
            </ol>
          </LinkDialog>
        ) : null}
      </div>
    );
  }),
);

/**
 * The open pair's dialog: which pair is open (its key), the elements it is placed and focused by,
 * and how it closes. It closes when its pair no longer shows; opened, it is placed, takes focus,
 * and a click outside it closes it.
 */
function useLinkDialog(links: ShownPair[]) {
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

  // A pair that no longer shows (date, links off) closes its dialog.
  useEffect(() => {
    if (open && !links.some((p) => p.key === open)) setOpen(null);
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
      if (g) g.replaceChildren(...layout.arcs.map(arcPath));
      dialog.positions.current = new Map(layout.markers.map((m) => [m.key, m]));
      moveMarkers(dialog.markers.current, dialog.positions.current);
      moveTags(tags.current, layout.tags);
      dialog.place();
    },
  }));
  return { tags, svgRef };
}

/**
 * The dialog by its marker: below it in the frame's upper half, else above; when that leaves it
 * less than ROOM px of height (a pair's several links) and the frame is wide enough, beside the
 * marker at the frame's full height. Never wider than the frame.
 */
function positionDialog(
  dialog: HTMLElement | null,
  frame: HTMLElement | null | undefined,
  marker: LinkMarker | undefined,
): void {
  if (!dialog || !frame || !marker) return;
  const { clientWidth: W, clientHeight: H } = frame;
  const width = Math.min(DIALOG_WIDTH, W - 2 * MARGIN);
  const below = marker.y < H / 2;
  const height = (below ? H - marker.y : marker.y) - MARKER - MARGIN;
  const right = marker.x + marker.width / 2 + 4;
  const left = marker.x - marker.width / 2 - 4 - width;
  const beside = height < ROOM && (right + width <= W - MARGIN || left >= MARGIN);
  dialog.style.width = `${width}px`;
  dialog.style.left = `${beside ? (right + width <= W - MARGIN ? right : left) : Math.min(Math.max(marker.x - width / 2, MARGIN), W - width - MARGIN)}px`;
  dialog.style.top = beside ? `${MARGIN}px` : below ? `${marker.y + MARKER / 2 + 4}px` : '';
  dialog.style.bottom = beside || below ? '' : `${H - marker.y + MARKER / 2 + 4}px`;
  dialog.style.maxHeight = `${beside ? H - 2 * MARGIN : Math.max(120, height)}px`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An arc as an SVG path, with the arrowheads at the ends its links point to. */
function arcPath(a: LinkArc): SVGPathElement {
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', a.d);
  path.dataset.pair = a.key;
  if (a.ended) path.dataset.ended = '';
  if (a.faded) path.dataset.faded = '';
  if (a.arrowStart) path.setAttribute('marker-start', 'url(#link-arrow-start)');
  if (a.arrowEnd) path.setAttribute('marker-end', 'url(#link-arrow-end)');
  return path;
}

/** Moves each marker button to its marker; hides those the layout has no place for. */
function moveMarkers(buttons: Map<string, HTMLButtonElement>, positions: Map<string, LinkMarker>): void {
  for (const [key, button] of buttons) {
    const m = positions.get(key);
    if (!m) {
      button.style.visibility = 'hidden';
      continue;
    }
    button.style.transform = `translate(${m.x - m.width / 2}px, ${m.y - MARKER / 2}px)`;
    button.style.width = `${m.width}px`;
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

/**
 * A pair's marker: the button readers focus and click, named for the pair and showing how many
 * links it has; dashed ring when they all ended, dotted when some is undated; Esc closes its dialog.
 */
function PairMarkerButton({
  pair,
  name,
  open,
  markers,
  onToggle,
  onEscape,
}: {
  pair: ShownPair;
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
      data-pair={pair.key}
      data-ended={pair.ended || undefined}
      data-undated={pair.undated || undefined}
      data-faded={pair.faded || undefined}
      aria-expanded={open}
      aria-controls={open ? 'link-dialog' : undefined}
      ref={(el) => void (el ? markers.current.set(pair.key, el) : markers.current.delete(pair.key))}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          onEscape();
        }
      }}
    >
      <span className="map-link-count" aria-hidden="true">
        {pair.links.length}
      </span>
      <span className="visually-hidden">{name}</span>
    </button>
  );
}

/** The open pair's dialog: its title and summary, the list of its links below, and a close button; Esc closes it. */
function LinkDialog({
  dialog,
  title,
  summary,
  closeLabel,
  children,
}: {
  dialog: LinkDialogState;
  title: string;
  summary: string;
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
      <p className="map-link-summary">{summary}</p>
      {children}
      <button type="button" className="map-link-close" onClick={() => dialog.close(true)} aria-label={closeLabel}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
