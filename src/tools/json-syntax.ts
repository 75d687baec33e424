/**
 * Finds the first JSON syntax error in a text and says, in plain words, where it is (line and
 * column), what was expected there and what was found. `JSON.parse` only gives a character offset,
 * and its wording differs between Node versions; this reader only runs after it has failed.
 */

export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of the file). */
  line: number;
  column: number;
  message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const A_VALUE = 'a value (text in double quotes, a number, true, false, null, { or [)';

/** What is at `offset`, for "found …": a word, one character, or the end of the file. */
function found(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const word = /[A-Za-z0-9_$.+-]+/y;
  word.lastIndex = offset;
  const m = word.exec(text);
  if (m) return `"${m[0].length > 20 ? `${m[0].slice(0, 20)}…` : m[0]}"`;
  const c = text[offset] as string;
  if (c === '\n' || c === '\r') return 'a line break';
  if (c === '\t') return 'a tab';
  return JSON.stringify(c);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads JSON from the start of a text, throwing `Stop` at the first thing that is not JSON. */
class Reader {
  private i = 0;

  constructor(private readonly text: string) {}

  /** The whole text: one value, and nothing after it but white space. */
  document(): void {
    this.value();
    this.space();
    if (this.i < this.text.length) this.stop('nothing more after the data');
  }

  private stop(expected: string, note = ''): never {
    throw new Stop(this.i, `expected ${expected}, found ${found(this.text, this.i)}${note}`);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] as string)) this.i++;
  }

  private value(): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else this.word();
  }

  private string(): void {
    const { text } = this;
    this.i++; // opening quote
    while (this.i < text.length) {
      const c = text[this.i] as string;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') this.escape();
      else if (c < ' ') this.stop('a closing " before the end of the line');
      else this.i++;
    }
    this.stop('a closing "');
  }

  /** The escape after a backslash inside a string (at the backslash). */
  private escape(): void {
    const { text } = this;
    this.i++;
    if (text[this.i] === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 1, this.i + 5))) this.stop('four hex digits after "\\u"');
      this.i += 5;
    } else if (this.i < text.length && '"\\/bfnrt'.includes(text[this.i] as string)) this.i++;
    else this.stop('one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after a backslash');
  }

  private object(): void {
    const { text } = this;
    this.i++;
    this.space();
    if (text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (text[this.i] !== '"') this.stop('a field name in double quotes');
      this.string();
      this.space();
      if (text[this.i] !== ':') this.stop('":" after the field name');
      this.i++;
      this.value();
      this.space();
      if (text[this.i] === ',') {
        this.i++;
        this.space();
        if (text[this.i] === '}')
          this.stop('a field name in double quotes after ","', ' (JSON allows no trailing comma)');
        continue;
      }
      if (text[this.i] === '}') {
        this.i++;
        return;
      }
      this.stop('"," or "}" after a value');
    }
  }

  private array(): void {
    const { text } = this;
    this.i++;
    this.space();
    if (text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      if (text[this.i] === ',') {
        this.i++;
        this.space();
        if (text[this.i] === ']') this.stop('a value after ","', ' (JSON allows no trailing comma)');
        continue;
      }
      if (text[this.i] === ']') {
        this.i++;
        return;
      }
      this.stop('"," or "]" after a value');
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) this.stop('a number');
    this.i += (m as RegExpExecArray)[0].length;
  }

  /** true, false or null; anything else is not a value. */
  private word(): void {
    for (const word of ['true', 'false', 'null'])
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    this.stop(A_VALUE);
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Reader(text).document();
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineAndColumn(text, e.offset), message: e.message };
  }
}
