/** An unknown strategy is reported at a well-formed path, however the suite names it (once `matrix.strategy[2]strategy`). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { expandSuite } from '../harness/config/suite.js';

async function paths(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await expandSuite({ duration: '1s', ...raw }, 'test', { baseDir: process.cwd() });
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => p.path);
    throw err;
  }
  return [];
}

describe('unknown strategy paths', () => {
  it.each([
    [{ strategy: 'nope' }, 'strategy'],
    [{ strategy: { name: 'nope' } }, 'strategy.name'],
    [{ strategy: { path: './no-such-strategy.js' } }, 'strategy.path'],
    [{ matrix: { strategy: ['sync', 'async', 'nope'] } }, 'matrix.strategy[2]'],
    [{ matrix: { strategy: ['sync', { name: 'nope' }] } }, 'matrix.strategy[1].name'],
    [{ matrix: { strategy: ['sync', { path: './no-such-strategy.js' }] } }, 'matrix.strategy[1].path'],
    [{ matrix: { 'strategy.name': ['sync', 'nope'] } }, 'matrix.strategy.name[1]'],
  ])('%j is reported at %s', async (raw, at) => {
    expect(await paths(raw)).toEqual([at]);
  });
});
