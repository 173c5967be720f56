/** Region names that are also names of Object.prototype members (toString, valueOf, ...) are plain names: their latencies resolve like any other. */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';

describe('region names', () => {
  it('toString, valueOf and hasOwnProperty get the latencies given for them', async () => {
    const { cases } = await expandSuite(
      {
        duration: '1s',
        regions: { nodes: ['hasOwnProperty', 'toString', 'valueOf'], latency: { hasOwnProperty: { toString: '1ms', valueOf: '2ms' }, toString: { valueOf: '3ms' } } },
      },
      'test',
      { baseDir: process.cwd() },
    );
    const latency = cases[0]!.config.regions!.latency;
    expect(latency.toString!.hasOwnProperty).toEqual({ dist: 'constant', value: 1000 });
    expect(latency.valueOf!.hasOwnProperty).toEqual({ dist: 'constant', value: 2000 });
    expect(latency.valueOf!.toString).toEqual({ dist: 'constant', value: 3000 });
  });
});
