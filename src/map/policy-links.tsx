/**
 * The policy links over the map: arcs between the countries (and the United States, at the map's
 * edge), and one marker button per link named "Chile → El Salvador, 30 January 2026". Activating
 * a marker opens a small non-modal dialog with what happened and the numbered sources; Esc, the
 * close button or a click elsewhere closes it, and focus returns to the marker. React renders the
 * buttons and the dialog; the map component positions them on every camera move (`place`), like
 * the country labels, so panning never re-renders React.
 */
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
    const [open, setOpen] = useState<string | null>(null);
    const markers = useRef(new Map<string, HTMLButtonElement>());
    const tags = useRef(new Map<string, HTMLElement>());
    const svgRef = useRef<SVGSVGElement>(null);
    const dialogRef = useRef<HTMLDivElement>(null);
    const headingRef = useRef<HTMLHeadingElement>(null);
    /** Where each marker is now, for the dialog's position. */
    const positions = useRef(new Map<string, LinkMarker>());
    const frameRef = useRef<HTMLDivElement>(null);

    const positionDialog = () => {
      const dialog = dialogRef.current;
      const frame = frameRef.current?.parentElement;
      const marker = open ? positions.current.get(open) : undefined;
      if (!dialog || !frame || !marker) return;
      const width = Math.min(DIALOG_WIDTH, frame.clientWidth - 2 * MARGIN);
      const left = Math.min(Math.max(marker.x - width / 2, MARGIN), frame.clientWidth - width - MARGIN);
      const below = marker.y < frame.clientHeight / 2;
      dialog.style.width = `${width}px`;
      dialog.style.left = `${left}px`;
      dialog.style.top = below ? `${marker.y + MARKER / 2 + 4}px` : '';
      dialog.style.bottom = below ? '' : `${frame.clientHeight - marker.y + MARKER / 2 + 4}px`;
      dialog.style.maxHeight = `${Math.max(120, (below ? frame.clientHeight - marker.y : marker.y) - MARKER - MARGIN)}px`;
    };

    useImperativeHandle(ref, () => ({
      tagSizes() {
        const out: Record<string, { width: number; height: number }> = {};
        for (const [code, el] of tags.current) out[code] = { width: el.offsetWidth, height: el.offsetHeight };
        return out;
      },
      place(layout) {
        const g = svgRef.current?.querySelector('g');
        if (g) {
          // The arcs are plain SVG, redrawn on every move: no React state, no re-render.
          const NS = 'http://www.w3.org/2000/svg';
          const leaders = layout.markers.flatMap((m) => {
            if (!m.leader) return [];
            const line = document.createElementNS(NS, 'line');
            line.setAttribute('x1', String(m.x));
            line.setAttribute('y1', String(m.y));
            line.setAttribute('x2', String(m.leader.x));
            line.setAttribute('y2', String(m.leader.y));
            line.setAttribute('class', 'link-leader');
            return [line];
          });
          g.replaceChildren(
            ...leaders,
            ...layout.arcs.map((a) => {
              const path = document.createElementNS(NS, 'path');
              path.setAttribute('d', a.d);
              path.dataset.pair = a.key;
              if (a.ended) path.dataset.ended = '';
              if (a.arrowStart) path.setAttribute('marker-start', 'url(#link-arrow-start)');
              if (a.arrowEnd) path.setAttribute('marker-end', 'url(#link-arrow-end)');
              return path;
            }),
          );
        }
        positions.current = new Map(layout.markers.map((m) => [m.id, m]));
        for (const [id, button] of markers.current) {
          const m = positions.current.get(id);
          if (!m) {
            button.style.visibility = 'hidden';
            continue;
          }
          button.style.transform = `translate(${m.x - MARKER / 2}px, ${m.y - MARKER / 2}px)`;
          button.style.setProperty('--angle', `${m.angle}deg`);
          button.style.visibility = 'visible';
        }
        for (const [code, el] of tags.current) {
          const box = layout.tags[code];
          el.style.visibility = box ? 'visible' : 'hidden';
          if (box) el.style.transform = `translate(${box.x}px, ${box.y}px)`;
        }
        positionDialog();
      },
    }));

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
    // biome-ignore lint/correctness/useExhaustiveDependencies: positionDialog reads refs only.
    useEffect(() => {
      if (!open) return;
      positionDialog();
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

    const current = links.find((l) => l.link.id === open);
    return (
      <div ref={frameRef} className="map-links">
        <svg ref={svgRef} className="map-link-arcs" aria-hidden="true">
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
          {links.map(({ link, ended, undated }) => (
            <button
              key={link.id}
              type="button"
              className="map-link-marker"
              data-link={link.id}
              data-mutual={link.mutual || undefined}
              data-ended={ended || undefined}
              data-undated={undated || undefined}
              aria-expanded={open === link.id}
              aria-controls={open === link.id ? 'link-dialog' : undefined}
              ref={(el) => void (el ? markers.current.set(link.id, el) : markers.current.delete(link.id))}
              onClick={() => setOpen(open === link.id ? null : link.id)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && open === link.id) {
                  e.preventDefault();
                  close(true);
                }
              }}
            >
              <svg viewBox="-6 -6 12 12" aria-hidden="true" className="map-link-glyph">
                {link.mutual ? (
                  <path d="M-5,0 L-1,-3.5 L-1,3.5 z M5,0 L1,-3.5 L1,3.5 z" />
                ) : (
                  <path d="M-3,-4 L4,0 L-3,4 z" />
                )}
              </svg>
              <span className="visually-hidden">{linkName(data, link, { ended }, lang)}</span>
            </button>
          ))}
        </div>
        {current ? (
          <div
            ref={dialogRef}
            id="link-dialog"
            className="map-link-dialog"
            role="dialog"
            aria-labelledby="link-dialog-title"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                close(true);
              }
            }}
          >
            <h2 id="link-dialog-title" ref={headingRef} tabIndex={-1}>
              {linkTitle(data, current.link, lang)}
            </h2>
            {details(current, () => setOpen(null))}
            <button type="button" className="map-link-close" onClick={() => close(true)} aria-label={t.panelClose}>
              <span aria-hidden="true">✕</span>
            </button>
          </div>
        ) : null}
      </div>
    );
  }),
);
