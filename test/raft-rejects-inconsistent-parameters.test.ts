/**
 * Raft's parameters are checked before anything runs: a heartbeat not shorter than the election
 * timeout (followers would start elections under a live leader), a window smaller than a batch,
 * and an unknown read mode are each rejected with the parameter's path.
 */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';

const suite = (strategy: Record<string, unknown>) => ({ duration: '1s', network: { clientToNode: '100us' }, strategy: { name: 'raft', ...strategy } });

async function problem(strategy: Record<string, unknown>): Promise<string> {
  try {
    await expandSuite(suite(strategy), 'test', { baseDir: process.cwd() });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the suite was accepted');
}

describe('raft: parameter checks', () => {
  it('accepts the defaults and explicit consistent values', async () => {
    const { cases } = await expandSuite(suite({ electionTimeout: '300ms', heartbeat: '100ms', reads: 'lease', batch: 16, window: 64 }), 'test', { baseDir: process.cwd() });
    expect(cases[0]!.config.strategy.params).toMatchObject({ electionTimeout: 300_000, heartbeat: 100_000, reads: 'lease', batch: 16, window: 64, preVote: true });
  });
  it('rejects a heartbeat not shorter than the election timeout', async () => {
    expect(await problem({ electionTimeout: '100ms', heartbeat: '100ms' })).toContain('strategy.heartbeat: must be shorter than electionTimeout (100 ms)');
  });
  it('rejects a window smaller than a batch', async () => {
    expect(await problem({ batch: 64, window: 32 })).toContain('strategy.window: must be at least batch (64)');
  });
  it('rejects an unknown read mode', async () => {
    expect(await problem({ reads: 'quorum' })).toMatch(/strategy\.reads: /);
  });
});
