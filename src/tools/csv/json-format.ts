/**
 * Writes the content JSON exactly as Biome formats it (biome.json: 2-space indent, JSON line width
 * 200). Biome keeps an object on several lines when its author wrote a line break after `{`, and
 * otherwise puts it on one line when it fits. The first part is the author's choice, not the
 * data's, so the printer reads it from the file being replaced (the "layout"): an object that was
 * expanded there stays expanded; a new object is laid out by width alone. The output is therefore
 * stable under `biome check --write`, and an unchanged dataset is rewritten byte for byte.
 */

export const JSON_LINE_WIDTH = 200;
const INDENT = '  ';

/** Which objects of a file were written on several lines, mirroring the file's tree. */
export interface Layout {
  expanded: boolean;
  /** Object members by key. */
  keys?: Map<string, Layout>;
  /** Array items, in order. */
  items?: Layout[];
  /** For array items: the item's `id` (or `n`, `country`), so an item is matched even if others were added. */
  id?: string;
}

const ID_KEYS = ['id', 'n', 'country'] as const;

function idOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const k of ID_KEYS) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') return `${k}:${v}`;
  }
  return undefined;
}

/** A value read from the text, with its layout. */
interface Read {
  layout: Layout;
  value: unknown;
}

/** Reads a valid JSON text's values and their layout, from the start. */
class LayoutReader {
  private i = 0;

  constructor(private readonly text: string) {}

  value(): Read {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { layout: { expanded: false }, value: this.str() };
    const m = /^(true|false|null|-?[0-9][0-9.eE+-]*)/.exec(this.text.slice(this.i, this.i + 64));
    const token = m?.[0] ?? '';
    this.i += token.length;
    return { layout: { expanded: false }, value: JSON.parse(token) };
  }

  private ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  private str(): string {
    const { text } = this;
    const start = this.i;
    this.i++;
    while (text[this.i] !== '"') this.i += text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(text.slice(start, this.i)) as string;
  }

  /** Past the opening bracket and the white space after it: true when that holds a line break. */
  private open(): boolean {
    const open = this.i;
    this.i++;
    this.ws();
    return this.text.slice(open, this.i).includes('\n');
  }

  /** Past the white space after a member or item, its comma and the white space after that. */
  private next(): void {
    this.ws();
    if (this.text[this.i] === ',') this.i++;
    this.ws();
  }

  private object(): Read {
    const expanded = this.open();
    const keys = new Map<string, Layout>();
    const obj: Record<string, unknown> = {};
    while (this.text[this.i] !== '}') {
      const key = this.str();
      this.ws();
      this.i++; // :
      const v = this.value();
      keys.set(key, v.layout);
      obj[key] = v.value;
      this.next();
    }
    this.i++;
    return { layout: { expanded, keys }, value: obj };
  }

  private array(): Read {
    const expanded = this.open();
    const items: Layout[] = [];
    const arr: unknown[] = [];
    while (this.text[this.i] !== ']') {
      const v = this.value();
      const id = idOf(v.value);
      items.push(id === undefined ? v.layout : { ...v.layout, id });
      arr.push(v.value);
      this.next();
    }
    this.i++;
    return { layout: { expanded, items }, value: arr };
  }
}

/**
 * Reads the layout of a JSON text (which must be valid JSON). Returns undefined for text that does
 * not parse, so a broken old file only means a fresh layout.
 */
export function readLayout(text: string): Layout | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return new LayoutReader(text).value().layout;
}

function itemLayout(parent: Layout | undefined, item: unknown, index: number): Layout | undefined {
  const items = parent?.items;
  if (!items) return undefined;
  const id = idOf(item);
  if (id !== undefined) return items.find((l) => l.id === id);
  return items[index];
}

/** Display width as Biome counts it (one per character; these files have no wide characters). */
const width = (s: string) => [...s].length;

interface Printed {
  flat: string | undefined;
  /** True when the value contains an object kept expanded, which forces every enclosing group to break. */
  hard: boolean;
}

/**
 * Formats `value` like Biome. `layout` is the old file's layout (see `readLayout`), or undefined.
 * Keys are written in the value's own order; the text ends with a line break.
 */
export function formatJson(value: unknown, layout?: Layout): string {
  return `${print(value, layout, 0, 0, '')}\n`;
}

function flatOf(value: unknown, layout: Layout | undefined): Printed {
  if (value === null || typeof value !== 'object') return { flat: JSON.stringify(value), hard: false };
  if (Array.isArray(value)) {
    if (value.length === 0) return { flat: '[]', hard: false };
    const parts = value.map((v, i) => flatOf(v, itemLayout(layout, v, i)));
    if (parts.some((p) => p.hard)) return { flat: undefined, hard: true };
    return { flat: `[${parts.map((p) => p.flat).join(', ')}]`, hard: false };
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return { flat: '{}', hard: false };
  const parts = entries.map(([k, v]) => ({ k, p: flatOf(v, layout?.keys?.get(k)) }));
  if (layout?.expanded || parts.some(({ p }) => p.hard)) return { flat: undefined, hard: true };
  return { flat: `{ ${parts.map(({ k, p }) => `${JSON.stringify(k)}: ${p.flat}`).join(', ')} }`, hard: false };
}

/**
 * `column` is where the value starts on its line, `suffix` what follows it on that line (a comma
 * or nothing), which must fit too.
 */
function print(value: unknown, layout: Layout | undefined, depth: number, column: number, suffix: string): string {
  const { flat } = flatOf(value, layout);
  if (flat !== undefined && (value === null || typeof value !== 'object')) return flat;
  if (flat !== undefined && column + width(flat) + width(suffix) <= JSON_LINE_WIDTH) return flat;
  const pad = INDENT.repeat(depth + 1);
  const end = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const lines = value.map((v, i) => {
      const comma = i < value.length - 1 ? ',' : '';
      return `${pad}${print(v, itemLayout(layout, v, i), depth + 1, width(pad), comma)}${comma}`;
    });
    return `[\n${lines.join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const lines = entries.map(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const head = `${pad}${JSON.stringify(k)}: `;
    return `${head}${print(v, layout?.keys?.get(k), depth + 1, width(head), comma)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n${end}}`;
}
