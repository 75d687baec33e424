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

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stop = (expected: string, note = ''): never => {
    throw new Stop(i, `expected ${expected}, found ${found(text, i)}${note}`);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop('four hex digits after "\\u"');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i] as string)) i++;
        else stop('one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after a backslash');
      } else if (c < ' ') stop('a closing " before the end of the line');
      else i++;
    }
    stop('a closing "');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') stop('a field name in double quotes');
        string();
        space();
        if (text[i] !== ':') stop('":" after the field name');
        i++;
        value();
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === '}') stop('a field name in double quotes after ","', ' (JSON allows no trailing comma)');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        stop('"," or "}" after a value');
      }
    } else if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === ']') stop('a value after ","', ' (JSON allows no trailing comma)');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        stop('"," or "]" after a value');
      }
    } else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) stop('a number');
      i += (m as RegExpExecArray)[0].length;
    } else {
      for (const word of ['true', 'false', 'null'])
        if (text.startsWith(word, i)) {
          i += word.length;
          return;
        }
      stop(A_VALUE);
    }
  };
  try {
    value();
    space();
    if (i < text.length) stop('nothing more after the data');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { ...lineAndColumn(text, e.offset), message: e.message };
  }
}
