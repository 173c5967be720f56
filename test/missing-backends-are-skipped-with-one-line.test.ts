/**
 * A real backend whose server is not installed is skipped with one line naming it and how to
 * install it, never failed: its cases produce no result and the rest of the run goes on. Here the
 * machine is made to look as if neither redis-server nor mariadbd were installed.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../harness/real/executables.js', () => ({ findExecutable: () => null }));

const { expandSuite } = await import('../harness/config/suite.js');
const { runRealCases } = await import('../harness/real/run-real-cases.js');
const { ROOT } = await import('./helpers/cli.js');

describe('a missing backend', () => {
  it('is skipped with one line per backend, never failed', async () => {
    const suite = await expandSuite({ name: 'missing', duration: '1s', matrix: { backend: ['redis', { kind: 'redis', mode: 'wait' }, 'mariadb'] } }, 'test', { baseDir: ROOT });
    const lines: string[] = [];
    const r = await runRealCases(suite.cases, { caseTimeoutMs: 10_000, log: (l) => lines.push(l) });
    expect(r.results).toEqual([]);
    expect(r.skipped).toBe(3);
    expect(r.stopped).toBe(false);
    expect(lines).toEqual([
      'skipping 2 redis cases: redis-server is not installed (Debian: apt-get install redis-server)',
      'skipping 1 mariadb case: mariadbd is not installed (Debian: apt-get install mariadb-server)',
    ]);
  });
});
