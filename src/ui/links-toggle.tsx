/** The "Policy links" checkbox: draws or hides the links on the map (`links=0` in the URL when off). */
import './links-toggle.css';
import { useId } from 'react';
import { useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

export function LinksToggle() {
  const t = useStrings();
  const id = useId();
  const on = useAppStore((s) => s.links);
  const setLinks = useAppStore((s) => s.setLinks);
  return (
    <span className="links-toggle">
      <input id={id} type="checkbox" checked={on} onChange={(e) => setLinks(e.currentTarget.checked)} />
      <label htmlFor={id}>{t.linksToggle}</label>
    </span>
  );
}
