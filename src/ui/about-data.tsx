/**
 * "About this data": the methods note (the story's own text, from the records), the data's "as
 * of" date, version and licence, and the corrections and updates log, newest first. Reachable from
 * the header on the page and in embeds.
 */
import './about-data.css';
import { versionLabel } from '../data/citation.ts';
import { correctionLabel, correctionsNewestFirst, correctionTargets } from '../data/corrections.ts';
import { formatDate } from '../data/format.ts';
import type { PolicyData } from '../data/policy-data.ts';
import type { MethodsSection } from '../data/schema.ts';
import type { Lang } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { ModalDialog } from './modal-dialog.tsx';
import { WithFullData } from './with-full-data.tsx';

/** Id of a methods section's heading (a stable anchor). */
export const methodsSectionId = (id: string) => `methods-${id}`;

function Methods({ sections, lang }: { sections: readonly MethodsSection[]; lang: Lang }) {
  return (
    <>
      {sections.map((m) => (
        <section key={m.id} className="methods-section" aria-labelledby={methodsSectionId(m.id)}>
          <h4 id={methodsSectionId(m.id)}>{m.heading[lang]}</h4>
          {m.text[lang].split(/\n\s*\n/).map((paragraph) => (
            <p key={paragraph.slice(0, 40)}>{paragraph}</p>
          ))}
        </section>
      ))}
    </>
  );
}

function Corrections({ data }: { data: PolicyData }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const entries = correctionsNewestFirst(data);
  if (entries.length === 0) return <p>{t.correctionsNone}</p>;
  return (
    <ol className="corrections-log">
      {entries.map((c) => (
        <li key={`${c.date}-${c.text.en}`}>
          <p>
            <strong>
              <time dateTime={c.date}>{correctionLabel(c, lang)}</time>:
            </strong>{' '}
            {c.text[lang]}
          </p>
          <p className="muted">{t.correctionTouches.replace('{items}', correctionTargets(data, c, lang))}</p>
        </li>
      ))}
    </ol>
  );
}

function AboutContent() {
  const data = usePolicyData();
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const [beforeLicence, afterLicence] = t.dataLicence.split('{licence}');
  return (
    <div className="about-data">
      <p>{t.aboutIntro}</p>
      <p className="about-facts">
        {t.asOf} <time dateTime={data.meta.asOf}>{formatDate(data.meta.asOf, lang)}</time> · {versionLabel(data, lang)}{' '}
        · {beforeLicence}
        <a href={data.meta.licence.url} target="_blank" rel="noopener noreferrer">
          {data.meta.licence.name}
          <span className="visually-hidden"> {t.opensInNewTab}</span>
        </a>
        {afterLicence}
      </p>
      <h3 id="methods-title">{t.methodsHeading}</h3>
      <WithFullData>{(full) => <Methods sections={full.meta.methods} lang={lang} />}</WithFullData>
      <h3 id="corrections-title">{t.correctionsHeading}</h3>
      <WithFullData>{(full) => <Corrections data={full} />}</WithFullData>
      <p className="muted">{data.meta.credit[lang]}</p>
    </div>
  );
}

/** "i" in a circle, About on phones (drawn: a font may lack the ⓘ character). */
function InfoIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" focusable="false" aria-hidden="true">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="4.6" r="1.1" fill="currentColor" />
      <path d="M8 7.2v5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function AboutData() {
  const t = useStrings();
  return (
    <ModalDialog id="about" label={t.aboutData} shortLabel={<InfoIcon />} title={t.aboutData}>
      <AboutContent />
    </ModalDialog>
  );
}
