/**
 * "Corrected on 5 December 2026: …" beside a measure or a policy link that an entry of the
 * corrections log touched, newest first; nothing when none did, or until the records (which carry
 * the log) are here. (In embeds a measure's notes sit in its details, whose summary says so:
 * `CorrectionsSummary`.)
 */
import './correction-notes.css';
import { correctionLabel, correctionsOf } from '../data/corrections.ts';
import { useFullData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

/** The log's entries for `id`, once the records are here (none before). */
function useCorrectionsOf(id: string) {
  const full = useFullData();
  return full.status === 'ready' ? correctionsOf(full.data, id) : [];
}

export function CorrectionNotes({ id }: { id: string }) {
  const lang = useAppStore((s) => s.lang);
  const entries = useCorrectionsOf(id);
  if (entries.length === 0) return null;
  return (
    <>
      {entries.map((c) => (
        <p key={`${c.date}-${c.text.en}`} className="correction-note">
          <strong>
            <time dateTime={c.date}>{correctionLabel(c, lang)}</time>:
          </strong>{' '}
          {c.text[lang]}
        </p>
      ))}
    </>
  );
}

/**
 * " · corrected" after the summary line of a measure's details (embeds), when the log touched it;
 * the dates and texts are inside. Nothing otherwise.
 */
export function CorrectionsSummary({ id }: { id: string }) {
  const t = useStrings();
  const entries = useCorrectionsOf(id);
  if (entries.length === 0) return null;
  const kinds = [...new Set(entries.map((c) => c.kind))];
  return <> · {kinds.map((k) => t[`correctedMark_${k}`]).join(', ')}</>;
}
