/**
 * Old links and embeds keep working when a parameter or a measure type's id is renamed (issue 21,
 * defect 11; after OWID's GrapherUrlMigrations). A migration takes the query of an older version to
 * the next; `parseUrlState` runs them all, in order, before it reads anything, and the start-up
 * rewrite (`replaceAddress`) then puts the current form in the address bar.
 *
 * No version parameter is written into links. As in OWID's grapher, each migration recognises the
 * old form itself (a parameter under its old name, a type id that is no longer a type) and leaves
 * any other query as it is, so running every migration on any query, old, current or already
 * migrated, is safe: migrations are idempotent. A version parameter would lengthen every shared
 * link and embed code, would be missing from every link published before it (which would still
 * need recognising), and could be lost when a host copies a link by hand. The cost: an old name
 * stays reserved — the app must never give it a new meaning.
 *
 * Parameter renames are code (`URL_MIGRATIONS`). Type ids are the story's data (the code knows
 * none: story-in-data.test.ts), so their renames are too: story.json `renamedTypes`, checked by the
 * data check (`to` a type, `from` not one), applied by `renameTypes` after the parameter renames —
 * to `types` under its current name, whatever it was called when the link was made.
 */
import type { TypeRename } from '../data/schema.ts';

export interface UrlMigration {
  /** What changed, in a few words: "`month` is now `date`". */
  description: string;
  /** The day the old form was last written, YYYY-MM-DD; the list is in this order. */
  since: string;
  /** Rewrites the old form, in place; leaves a query without it as it is. */
  migrate(params: URLSearchParams): void;
}

/**
 * A parameter's new name: `from=v` becomes `to=v` (every value, so a repeated parameter stays
 * repeated, and is ignored as before). A link with both keeps the new name's value.
 */
export function renameParam(from: string, to: string, since: string): UrlMigration {
  return {
    description: `\`${from}\` is now \`${to}\``,
    since,
    migrate(params) {
      const values = params.getAll(from);
      if (values.length === 0) return;
      params.delete(from);
      if (!params.has(to)) for (const v of values) params.append(to, v);
    },
  };
}

/**
 * The app's parameter renames, oldest first (`renameParam`). None yet: every parameter still has
 * the name it was published with (country, types, lang, theme, view, date, links, embed).
 */
export const URL_MIGRATIONS: readonly UrlMigration[] = [];

/**
 * The story's type renames (story.json `renamedTypes`, oldest first) applied to the ids in `types`:
 * each old id becomes its new one, through later renames too (a → b, then b → c: a → c). Ids that
 * are not renamed are left for `parseUrlState` to judge (an unknown one is dropped there), and an
 * empty list (`types=`, no type at all) stays empty.
 */
export function renameTypes(renames: readonly TypeRename[]): UrlMigration {
  return {
    description: 'renamed measure types in `types`',
    since: renames.at(-1)?.since ?? '',
    migrate(params) {
      const values = params.getAll('types');
      if (values.length !== 1 || renames.length === 0) return;
      const ids = (values[0] as string).split(',');
      const renamed = ids.map((id) => renames.reduce((current, r) => (current === r.from ? r.to : current), id));
      if (renamed.some((id, i) => id !== ids[i])) params.set('types', [...new Set(renamed)].join(','));
    },
  };
}

/** Every migration for a story: the parameter renames, then its type renames. */
export function urlMigrations(
  renamedTypes: readonly TypeRename[] = [],
  parameters: readonly UrlMigration[] = URL_MIGRATIONS,
): UrlMigration[] {
  return [...parameters, renameTypes(renamedTypes)];
}

/** The query `search` ("?…" or "") in the current version's form: `migrations` applied in order. */
export function migrateQuery(search: string, migrations: readonly UrlMigration[] = urlMigrations()): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const m of migrations) m.migrate(params);
  return params;
}
