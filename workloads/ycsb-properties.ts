/**
 * A reader for Java `.properties` text as java.util.Properties.load reads it (YCSB workload files
 * are read with it), keeping the line number of every entry for messages:
 *
 * - lines end with `\n`, `\r\n` or `\r`; leading whitespace (space, tab, form feed) is skipped;
 * - a line whose first non-blank character is `#` or `!` is a comment (a trailing backslash does
 *   not continue it); blank lines are skipped;
 * - a line ending in an odd number of backslashes continues on the next line, whose leading
 *   whitespace is dropped (a blank line ends the continuation);
 * - the key runs to the first unescaped `=`, `:` or whitespace; then blanks, at most one `=` or
 *   `:`, and more blanks are skipped; the rest of the line is the value, trailing spaces included;
 * - escapes `\t \n \r \f \uXXXX` are decoded and any other `\c` stands for `c` (in keys too);
 * - a key given twice keeps its last value.
 *
 * Stricter than Java in three places, each an error naming the line: a malformed `\uXXXX` escape
 * (Java throws too), an empty key (`=value`), and a key with neither separator nor value (a bare
 * word, which Java would silently read as an empty value).
 */

/** One problem found in YCSB input: where (a property key, or `file:line`) and what. */
export interface YcsbProblem {
  /** The property key, or `source:line` for a problem with a line. */
  path: string;
  /** A complete sentence naming the key or line. */
  message: string;
}

/** Thrown for bad YCSB input; `problems` lists every problem found, not just the first. */
export class YcsbError extends Error {
  /** Every problem found. */
  readonly problems: YcsbProblem[];
  constructor(problems: YcsbProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'YcsbError';
    this.problems = problems;
  }
}

/** One property with the place it was set. */
export interface PropertyEntry {
  key: string;
  value: string;
  /** Name of the file (or other source) it came from. */
  source: string;
  /** 1-based line where its logical line starts (0 for `-p` overrides and built-in values). */
  line: number;
}

/** Properties by key (a key set again moves to the end, like a later line overriding an earlier one). */
export type PropertySet = Map<string, PropertyEntry>;

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\f';

/** One logical line: its text (continuations joined, escapes still raw) and its first line number. */
interface LogicalLine {
  text: string;
  line: number;
}

/** Splits text into logical lines the way java.util.Properties' LineReader does. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const natural = text.split(/\r\n|\r|\n/);
  let i = 0;
  while (i < natural.length) {
    let raw = natural[i]!;
    const start = i + 1;
    i++;
    let p = 0;
    while (p < raw.length && isBlank(raw[p]!)) p++;
    if (p === raw.length) continue; // blank
    if (raw[p] === '#' || raw[p] === '!') continue; // comment
    let acc = '';
    let piece = raw.slice(p);
    for (;;) {
      let n = 0;
      while (n < piece.length && piece[piece.length - 1 - n] === '\\') n++;
      if (n % 2 === 0) {
        acc += piece;
        break;
      }
      acc += piece.slice(0, -1);
      if (i >= natural.length) break; // a backslash at end of input is dropped, as in Java
      raw = natural[i]!;
      i++;
      p = 0;
      while (p < raw.length && isBlank(raw[p]!)) p++;
      piece = raw.slice(p);
      if (piece.length === 0) break; // a blank line ends the continuation
    }
    out.push({ text: acc, line: start });
  }
  return out;
}

/** Decodes Java properties escapes; returns null on a malformed \uXXXX. */
function unescape(s: string): string | null {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    if (i >= s.length) break;
    const e = s[i]!;
    if (e === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else if (e === 't') out += '\t';
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 'f') out += '\f';
    else out += e;
  }
  return out;
}

/**
 * Parses Java-properties text into key → entry (with line numbers). Throws a YcsbError listing
 * every malformed line as `source:line`.
 */
export function parseProperties(text: string, source = '<properties>'): PropertySet {
  const props: PropertySet = new Map();
  const problems: YcsbProblem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const { text: ln, line } of logicalLines(body)) {
    let k = 0;
    let hasSep = false;
    let valueStart = ln.length;
    let backslash = false;
    while (k < ln.length) {
      const c = ln[k]!;
      if (!backslash && (c === '=' || c === ':')) {
        valueStart = k + 1;
        hasSep = true;
        break;
      }
      if (!backslash && isBlank(c)) {
        valueStart = k + 1;
        break;
      }
      backslash = c === '\\' ? !backslash : false;
      k++;
    }
    while (valueStart < ln.length) {
      const c = ln[valueStart]!;
      if (!isBlank(c)) {
        if (!hasSep && (c === '=' || c === ':')) hasSep = true;
        else break;
      }
      valueStart++;
    }
    const where = `${source}:${line}`;
    const rawKey = ln.slice(0, k);
    const rawValue = ln.slice(valueStart);
    const key = unescape(rawKey);
    const value = unescape(rawValue);
    if (key === null || value === null) {
      problems.push({ path: where, message: `${source} line ${line}: malformed \\uXXXX escape (a backslash-u must be followed by four hex digits)` });
      continue;
    }
    if (key === '') {
      problems.push({ path: where, message: `${source} line ${line}: missing key before '${ln[k] ?? ''}' (expected key=value)` });
      continue;
    }
    if (!hasSep && rawValue === '') {
      problems.push({ path: where, message: `${source} line ${line}: '${key}' has no value (expected key=value, key: value or key value)` });
      continue;
    }
    props.delete(key);
    props.set(key, { key, value, source, line });
  }
  if (problems.length > 0) throw new YcsbError(problems);
  return props;
}

/**
 * Parses `-p key=value` overrides (split at the first `=`, as YCSB does; the key is trimmed).
 * Throws a YcsbError naming each one without `=` or with an empty key.
 */
export function parseOverrides(overrides: readonly string[] | Readonly<Record<string, string>>, source = '-p'): PropertySet {
  const props: PropertySet = new Map();
  const problems: YcsbProblem[] = [];
  const pairs: Array<[string, string]> = [];
  if (Array.isArray(overrides)) {
    for (const o of overrides as readonly string[]) {
      const eq = o.indexOf('=');
      if (eq < 0 || o.slice(0, eq).trim() === '') {
        problems.push({ path: source, message: `${source} ${JSON.stringify(o)}: expected key=value` });
        continue;
      }
      pairs.push([o.slice(0, eq).trim(), o.slice(eq + 1)]);
    }
  } else {
    for (const [k, v] of Object.entries(overrides as Readonly<Record<string, string>>)) pairs.push([k.trim(), v]);
  }
  for (const [key, value] of pairs) {
    props.delete(key);
    props.set(key, { key, value, source, line: 0 });
  }
  if (problems.length > 0) throw new YcsbError(problems);
  return props;
}

/** Merges property sets; later sets win key by key (YCSB: later -P files, then -p overrides). */
export function mergeProperties(...sets: readonly PropertySet[]): PropertySet {
  const out: PropertySet = new Map();
  for (const s of sets) {
    for (const [k, e] of s) {
      out.delete(k);
      out.set(k, e);
    }
  }
  return out;
}
