/**
 * The whole story's data as the build reads it from disk (src/tools/load-dataset.ts) and the app
 * receives it: a type only, so code that ships to readers can name it without importing Node code.
 */
import type { CountryFile, Dataset, Story } from './schema.ts';

export interface PolicyData {
  /**
   * The data's version: a short hash of the data files' contents (`dataVersion`), shown beside the
   * "as of" date and written into every download and citation.
   */
  version: string;
  /** The story's frame: countries, region, link kinds, languages (`story.json`). */
  story: Story;
  meta: Dataset;
  /** One entry per focus country, in the story's order. */
  countries: CountryFile[];
}
