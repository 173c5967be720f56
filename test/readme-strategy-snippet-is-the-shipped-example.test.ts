/**
 * The README's "Writing a strategy" example is the shipped examples/strategies/majority.js, in
 * full (from its `export default` on), so the snippet a user copies is code that runs and is tested
 * (example-majority-strategy-*.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

describe('README', () => {
  it('shows the shipped example strategy as it is', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const file = readFileSync(path.join(ROOT, 'examples', 'strategies', 'majority.js'), 'utf8');
    const start = readme.indexOf('// examples/strategies/majority.js\n');
    expect(start).toBeGreaterThan(0);
    const snippet = readme.slice(start, readme.indexOf('```', start));
    const body = file.slice(file.indexOf('export default {'));
    expect(snippet.slice(snippet.indexOf('export default {'))).toBe(body);
  });
});
