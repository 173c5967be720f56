/**
 * Results record a content hash of every strategy file a case loaded; `--resume` refuses (exit 2,
 * the journal and results left as they were) when one of them changed since the journal was
 * written, instead of mixing two versions of the code under test in one result set. The same run
 * resumes when the file is unchanged.
 */
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, replbench, tempDir } from './helpers/cli.js';

describe('--resume after a strategy file edit', () => {
  it('refuses to mix two versions of the strategy', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'examples', 'strategies', 'majority.js'), path.join(dir, 'majority.js'));
    writeFileSync(
      path.join(dir, 'suite.yaml'),
      `name: resume-hash
duration: 300ms
cluster: { nodes: 3, replicationFactor: 3 }
network: { clientToNode: 100us, nodeToNode: 200us }
workload: { records: 100, clients: { model: closed, count: 2 } }
strategy: { path: ./majority.js }
matrix: { workload.readProportion: [0.2, 0.8] }
`,
    );
    const out = path.join(dir, 'out');
    const first = replbench(['run', path.join(dir, 'suite.yaml'), '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(Object.keys(results.cases[0].strategyFiles)).toEqual(['majority.js']);
    expect(results.cases[0].strategyFiles['majority.js']).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof results.environment.code).toBe('string');

    // Unchanged: resuming is fine.
    expect(replbench(['run', path.join(dir, 'suite.yaml'), '--resume', out, '--quiet']).code).toBe(0);

    appendFileSync(path.join(dir, 'majority.js'), '\n// edited\n');
    const journal = readFileSync(path.join(out, 'journal.jsonl'), 'utf8');
    const before = readFileSync(path.join(out, 'results.json'), 'utf8');
    const r = replbench(['run', path.join(dir, 'suite.yaml'), '--resume', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--resume: strategy file majority.js changed since the journal');
    expect(readFileSync(path.join(out, 'journal.jsonl'), 'utf8')).toBe(journal);
    expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toBe(before);
  });
});
