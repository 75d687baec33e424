/**
 * "Share and embed": a dialog with copyable snippets that reproduce the current view (country,
 * filter, language), and a ready citation of it ("Cite this"). Copy uses the Clipboard API; where that is refused, the text is selected so
 * the reader can copy it by hand.
 */
import './share-dialog.css';
import { useRef, useState } from 'react';
import { citation } from '../data/citation.ts';
import { embedSnippets } from '../embed/embed-code.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { toUrlState } from '../state/url-state.ts';
import { DownloadImage, type ImageExport } from './download-image.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** The app's folder URL (works from /, /some/folder/ or …/index.html). */
export function appBase(loc: Location = window.location): string {
  return new URL('./', loc.href.split('?')[0]).href;
}

function Snippet({ id, label, text }: { id: string; label: string; text: string }) {
  const t = useStrings();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      area.current?.focus();
      area.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="snippet">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={area}
        readOnly
        value={text}
        rows={text.includes('\n') ? 5 : text.length > 160 ? 4 : 2}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" className="copy-button" onClick={copy}>
        {t.copy} <span className="visually-hidden">{label}</span>
      </button>
      <span className="copy-status" role="status">
        {copied === 'yes' ? t.copied : copied === 'select' ? t.copySelect : ''}
      </span>
    </div>
  );
}

/** `imageExport` loads the image renderer (map/export-image.ts); without it, no download buttons. */
export function ShareDialog({ imageExport }: { imageExport?: () => Promise<ImageExport> } = {}) {
  const t = useStrings();
  return (
    <ModalDialog id="share" label={t.share} shortLabel={t.shareShort} title={t.shareTitle}>
      <ShareContent imageExport={imageExport} />
    </ModalDialog>
  );
}

/**
 * The open dialog's content. Only it follows the reader's view (a closed dialog re-renders on no
 * click, filter or date step).
 */
function ShareContent({ imageExport }: { imageExport?: () => Promise<ImageExport> }) {
  const data = usePolicyData();
  const t = useStrings();
  const selected = useAppStore((s) => s.selected);
  const activeTypes = useAppStore((s) => s.activeTypes);
  const lang = useAppStore((s) => s.lang);
  const date = useAppStore((s) => s.date);
  const links = useAppStore((s) => s.links);
  const step = useAppStore((s) => s.step);
  // The snippets carry what the reader chose to show (or the story step), not their theme or tab.
  const allTypes = useAppStore((s) => s.allTypes);
  const state = toUrlState({ selected, activeTypes, allTypes, lang, theme: null, view: 'map', date, links, step });
  const snippets = embedSnippets({
    base: appBase(),
    state,
    title: data.meta.title[lang],
    alt: `${data.meta.title[lang]}. ${data.meta.dek[lang]}`,
  });
  return (
    <>
      <p>{t.shareIntro}</p>
      <Snippet id="snippet-script" label={t.snippetScript} text={snippets.script} />
      <Snippet id="snippet-iframe" label={t.snippetIframe} text={snippets.iframe} />
      <Snippet id="snippet-link" label={t.snippetLink} text={snippets.link} />
      <Snippet id="snippet-cite" label={t.citeThis} text={citation(data, lang, snippets.link, new Date())} />
      {imageExport && <DownloadImage load={imageExport} />}
    </>
  );
}
