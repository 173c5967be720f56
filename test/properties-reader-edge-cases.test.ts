// The Java-properties reader follows java.util.Properties.load: separators, comments, continuations,
// line endings, trailing spaces and escapes — and keeps each entry's line number.
import { describe, expect, it } from 'vitest';
import { parseOverrides, parseProperties } from '../workloads/ycsb-properties.js';

const read = (text: string): Record<string, string> => Object.fromEntries([...parseProperties(text, 't')].map(([k, e]) => [k, e.value]));

describe('properties reader', () => {
  it('accepts =, : and whitespace separators, with blanks around them', () => {
    expect(read('a=1\nb:2\nc 3\nd\t4\ne   =   5\nf : 6\ng\f7\nh = = 8\ni::9')).toEqual({
      a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7', h: '= 8', i: ':9',
    });
  });

  it('skips # and ! comments (also indented) and blank lines; a comment’s trailing backslash does not continue it', () => {
    expect(read('# c\n! c\n   # indented\n\n \t \na=1\n# comment \\\nb=2')).toEqual({ a: '1', b: '2' });
  });

  it('joins backslash continuations, dropping the next line’s leading whitespace', () => {
    expect(read('list = a, \\\n     b, \\\n\t c\nnext=x')).toEqual({ list: 'a, b, c', next: 'x' });
    // An even number of backslashes is an escaped backslash, not a continuation.
    expect(read('p=C:\\\\\nq=1')).toEqual({ p: 'C:\\', q: '1' });
    // A continued line may start with # — it is value text, not a comment.
    expect(read('a=x\\\n#y')).toEqual({ a: 'x#y' });
    // A blank line ends a continuation; a backslash at end of input is dropped.
    expect(read('a=x\\\n\nb=y\\')).toEqual({ a: 'x', b: 'y' });
  });

  it('accepts LF, CRLF and CR line endings and keeps trailing spaces in values', () => {
    expect(read('a=1\r\nb=2\rc=3\nd=4   \r\n')).toEqual({ a: '1', b: '2', c: '3', d: '4   ' });
    expect(read('a=x\\\r\n   y\r\n')).toEqual({ a: 'xy' });
  });

  it('decodes escapes as java.util.Properties does, in keys and values', () => {
    expect(read('key\\ with\\ spaces = v\na\\=b=c\\:d\nt=\\t\\n\\r\\f\\\\\nu=\\u0041\\u00e9z\nother=\\q\\#')).toEqual({
      'key with spaces': 'v',
      'a=b': 'c:d',
      t: '\t\n\r\f\\',
      u: 'Aéz',
      other: 'q#',
    });
  });

  it('keeps the last value of a repeated key, an empty value after a separator, and line numbers', () => {
    const p = parseProperties('a=1\n\n# x\nb=\\\n  2\na=3\nempty=\n', 'f');
    expect(p.get('a')).toEqual({ key: 'a', value: '3', source: 'f', line: 6 });
    expect(p.get('b')).toEqual({ key: 'b', value: '2', source: 'f', line: 4 });
    expect(p.get('empty')?.value).toBe('');
  });

  it('reads -p overrides split at the first =', () => {
    const p = parseOverrides(['a=1', ' b = x=y', 'c=']);
    expect([...p.values()].map((e) => [e.key, e.value, e.source])).toEqual([
      ['a', '1', '-p'],
      ['b', ' x=y', '-p'],
      ['c', '', '-p'],
    ]);
  });
});
