/**
 * Map / Table / Overview as ARIA tabs: arrow keys, Home and End move between tabs and select them
 * (automatic activation); only the selected tab is in the tab order.
 */
import './view-tabs.css';
import { useRef } from 'react';
import type { StringKey } from '../i18n/strings.ts';
import { useStrings } from '../state/data-context.ts';
import { useAppStore, VIEWS, type View } from '../state/store.ts';

const LABEL: Record<View, StringKey> = { map: 'viewMap', table: 'viewTable', overview: 'viewOverview' };
export const tabId = (v: View) => `view-tab-${v}`;
export const tabPanelId = (v: View) => `view-panel-${v}`;

export function ViewTabs() {
  const t = useStrings();
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const refs = useRef(new Map<View, HTMLButtonElement>());

  const move = (to: View) => {
    setView(to);
    refs.current.get(to)?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const next =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (next) {
      e.preventDefault();
      move(next);
    }
  };

  return (
    <div className="view-tabs" role="tablist" aria-label={t.viewsLabel} onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v}
          ref={(el) => void (el ? refs.current.set(v, el) : refs.current.delete(v))}
          type="button"
          role="tab"
          id={tabId(v)}
          aria-selected={view === v}
          aria-controls={tabPanelId(v)}
          tabIndex={view === v ? 0 : -1}
          onClick={() => setView(v)}
        >
          {t[LABEL[v]]}
        </button>
      ))}
    </div>
  );
}
