/**
 * `replbench compare --threshold` accepts `metric=10%`, `metric=+0.5` (absolute), globs and `10%`;
 * an unknown metric (in --threshold or --ignore), a bare number (ambiguous), a default absolute
 * threshold or a non-number is bad input (exit 2).
 */
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
    expect(malformed.stderr).toContain('metric=PERCENT');
    const bare = await runCommand(['compare', dir, dir, '--threshold', 'stale_read_fraction=0.001']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('ambiguous: write 0.001% for a relative threshold or +0.001 for an absolute one');
    const defaultAbsolute = await runCommand(['compare', dir, dir, '--threshold', '+5']);
    expect(defaultAbsolute.code).toBe(2);
    expect(defaultAbsolute.stderr).toContain('an absolute threshold needs a metric');
    const ignored = await runCommand(['compare', dir, dir, '--ignore', 'no_such_metric']);
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain('--ignore: unknown metric "no_such_metric"');
    const ok = await runCommand(['compare', dir, dir, '--threshold', 'write_p99_us=10%', '--threshold', 'write_p99_us=+50', '--threshold', '2%', '--threshold', 'counter.*=50%', '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const rows = JSON.parse(ok.stdout).rows as { metric: string; threshold: { relative: number; absolute: number } }[];
    expect(rows.find((r) => r.metric === 'write_p99_us')!.threshold).toEqual({ relative: 0.1, absolute: 50 });
    expect(rows.find((r) => r.metric === 'write_p50_us')!.threshold.relative).toBeCloseTo(0.02, 12);
    expect(rows.find((r) => r.metric === 'counter.retransmits')!.threshold.relative).toBeCloseTo(0.5, 12);
  });
});
