/** English / Español. Each name is written in its own language (and marked so for screen readers). */
import { LANGS, LANGUAGE_NAMES } from '../i18n/strings.ts';
import { useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';

export function LanguageSwitch() {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t.languageLabel}</legend>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
