/**
 * One run gives the side-by-side table: a real case with backend.calibrate is measured, run, and
 * followed by its calibrated simulation (the same shape, the fitted service times and links, the
 * counterpart strategy); index.html and summary.md show "Real beside calibrated simulation" with
 * real / simulated for each headline number. Uses PostgreSQL (always available).
 */
import { describe, expect, it } from 'vitest';
import { buildResults } from '../harness/run-suite.js';
import { renderReport } from '../reports/render.js';
import { okMetrics, runReal } from './helpers/real.js';

describe('a calibrated real case', () => {
  it('runs its calibrated simulation and the report pairs them', async () => {
    const results = await runReal({
      name: 'calibrated',
      duration: '2s',
      warmup: '300ms',
      cluster: { nodes: 2, replicationFactor: 2 },
      network: { nodeToNode: '1ms', clientToNode: '100us' },
      workload: { records: 100, readProportion: 0.5, updateProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 4 } },
      backend: { kind: 'postgres', mode: 'sync', calibrate: { samples: 100 } },
    });
    const m = okMetrics(results[0]);
    const cal = m.real.calibration!;
    console.log(`real ${m.throughput.toFixed(0)} ops/s, write p50 ${(m.ops.write.latency.p50 / 1000).toFixed(2)} ms; ${cal.simName}: ${cal.sim?.throughput.toFixed(0)} ops/s, write p50 ${((cal.sim?.writeP50 ?? NaN) / 1000).toFixed(2)} ms; fitted write ${JSON.stringify(cal.service.write)}`);
    expect(cal.simError).toBeUndefined();
    expect(cal.strategy.name).toBe('sync');
    expect(cal.measured.samples).toBe(100);
    expect(cal.sim!.throughput).toBeGreaterThan(0);
    // A sync write waits for the standby: one replication round trip (2 × the measured one-way link) in both.
    expect(cal.sim!.writeP50).toBeGreaterThan(2 * cal.measured.replicationLink.p50);
    expect(m.ops.write.latency.p50).toBeGreaterThan(2 * cal.measured.replicationLink.p50);
    const doc = buildResults({ name: 'calibrated', source: 'test', fingerprint: 'x', total: 1 }, 42, results, new Date(), 'complete');
    const files = await renderReport(doc, { reporters: ['markdown', 'html'] });
    const md = files.find((f) => f.name === 'summary.md')!.content;
    const html = files.find((f) => f.name === 'index.html')!.content;
    expect(md).toContain('## Real beside calibrated simulation');
    const section = md.slice(md.indexOf('## Real beside calibrated simulation'));
    const row = section.split('\n').find((l) => l.startsWith('| postgres(sync FIRST 1, on, calibrated)'));
    expect(row!.split(' | ')[1]).toBe('sync'); // the calibrated simulation: the strategy that waits as FIRST 1 of 1 does
    expect(row).toMatch(/\d \/ [\d,]+ \(\d+(\.\d+)?×\)/); // real / sim (ratio)
    expect(html).toContain('id="sim-vs-real"');
    expect(html).toContain('calibrated simulation: service');
  });
});
