/** `replbench compare --threshold` accepts `metric=10%` and `10%`; an unknown metric or a non-percentage is bad input (exit 2). */
import { describe, expect, it } from 'vitest';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('rejects unknown metrics and malformed thresholds with exit code 2', async () => {
    const dir = writeResultsDir(await resultsOf());
    const unknown = await runCommand(['compare', dir, dir, '--threshold', 'latency_p42=10%']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--threshold: unknown metric "latency_p42"');
    expect(unknown.stderr).toContain('write_p99_us');
    const malformed = await runCommand(['compare', dir, dir, '--threshold', 'write_p99_us=ten']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected metric=PERCENT');
    const ok = await runCommand(['compare', dir, dir, '--threshold', 'write_p99_us=10%', '--threshold', '2%', '--format', 'json']);
    expect(ok.code).toBe(0);
    const rows = JSON.parse(ok.stdout).rows as { metric: string; threshold: number }[];
    expect(rows.find((r) => r.metric === 'write_p99_us')!.threshold).toBeCloseTo(0.1, 12);
    expect(rows.find((r) => r.metric === 'write_p50_us')!.threshold).toBeCloseTo(0.02, 12);
  });
});
