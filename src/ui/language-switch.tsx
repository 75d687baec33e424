/** English / Español. Each name is written in its own language (and marked so for screen readers). */
import './language-switch.css';
import { LANGUAGE_NAMES } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

export function LanguageSwitch() {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  const langs = usePolicyData().story.languages;
  // A story in one language has nothing to switch.
  if (langs.length < 2) return null;
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t.languageLabel}</legend>
      {langs.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
