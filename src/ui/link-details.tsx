/**
 * What a policy link says, below its title: its kind ("Visit") and the date in words, the text, the numbered sources
 * (numbered as the measure that cites them numbers them; https, new tab) and, in the map's link
 * dialog, a button to the measure it belongs to. Used by the map's link dialog and by each
 * country's panel.
 */
import './link-details.css';
import type { LinkSource } from '../data/links.ts';
import { linkDate, linkMeasure, linkSources } from '../data/links.ts';
import { linkKindLabel } from '../data/story.ts';
import type { LinkAtMonth, PolicyLink } from '../data/timeline.ts';
import { fill } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { CorrectionNotes } from './correction-notes.tsx';
import { SourceItem } from './measure-article.tsx';
import { WithFullData } from './with-full-data.tsx';

export function LinkSourceList({ sources }: { sources: LinkSource[] }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  return (
    <ol className="sources link-sources" aria-label={t.sources}>
      {sources.map(({ measure, source }) => (
        <SourceItem
          key={`${measure.id}-${source.n}`}
          measure={measure}
          source={source}
          t={t}
          lang={lang}
          anchor={false}
        />
      ))}
    </ol>
  );
}

interface Props {
  link: PolicyLink;
  state: Pick<LinkAtMonth, 'ended'>;
  /** Offer "The measure: …", opening its country's panel there; called after it did. */
  onOpenedMeasure?: () => void;
  /** In a country's panel: the panel says once that the records are loading, not each link. */
  quiet?: boolean;
}

export function LinkDetails({ link, state, onOpenedMeasure, quiet = false }: Props) {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const openMeasure = useAppStore((s) => s.openMeasure);
  const measure = onOpenedMeasure ? linkMeasure(data, link) : null;
  return (
    <>
      <p className="link-date">
        <span className="link-kind">{linkKindLabel(data, link.kind, lang)}</span> · {linkDate(link, lang)}
        {state.ended ? ` · ${t.linkEnded}` : ''}
      </p>
      <p>{link.text[lang]}</p>
      <CorrectionNotes id={link.id} />
      <WithFullData quiet={quiet}>{(full) => <LinkSourceList sources={linkSources(full, link)} />}</WithFullData>
      {measure && onOpenedMeasure ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            openMeasure(measure.country, measure.measure.id);
            onOpenedMeasure();
          }}
        >
          {fill(t.linkReadMore, { title: measure.measure.title[lang] })}
        </button>
      ) : null}
    </>
  );
}
