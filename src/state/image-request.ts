/**
 * What an exported image shows: the reader's view at the moment of the download, and its size.
 * Shared by the share dialog (ui/download-image.tsx), which builds it, and the renderer
 * (map/export-image.ts), which draws it — ui/ and map/ never import each other.
 */
import type { ThemeName } from '../data/palette.ts';
import type { PolicyIndex } from '../data/policy-index.ts';
import type { Month } from '../data/timeline.ts';
import type { CountryCode, MeasureTypeId } from '../data/vocabulary.ts';
import type { Lang, Strings } from '../i18n/strings.ts';

export interface ImageRequest {
  data: PolicyIndex;
  strings: Strings;
  lang: Lang;
  theme: ThemeName;
  activeTypes: readonly MeasureTypeId[];
  /** The month shown; null = the "as of" month. */
  date: Month | null;
  selected: CountryCode | null;
  /** Whether the policy links are shown. */
  links: boolean;
  /** The whole image's size in CSS px. */
  width: number;
  height: number;
}
