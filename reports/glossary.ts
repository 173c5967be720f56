/**
 * What each column of the summary table means: the one source of the texts shown in the HTML
 * report and in README.md (a test checks that the README holds `glossaryMarkdown()` verbatim).
 */
import { NOT_MEASURED } from './format.js';

/** One summary column and its meaning. */
export interface GlossaryEntry {
  /** The column header, exactly as the tables print it. */
  readonly term: string;
  readonly meaning: string;
}

/** Every column the summary table can show, in table order. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'case', meaning: 'The configuration: the strategy and the settings the matrix sweeps. With repetitions, each number is the median over the seeds.' },
  { term: 'ops/s', meaning: 'Successful operations per second of virtual time after warm-up (achieved throughput).' },
  { term: 'offered ops/s', meaning: 'Operations the clients tried to start per second: open-loop arrivals (dropped ones included) or a paced closed loop\'s target. Shown when some case is open-loop or paced.' },
  { term: 'saturated', meaning: '"yes" when the achieved rate fell below 95% of the offered rate: the system could not keep up, and latency grows with the run\'s length. Only open-loop and paced cases can saturate.' },
  { term: 'dropped', meaning: 'Open-loop arrivals not issued because the in-flight cap (`maxInflight`) was reached; they count in the offered rate, not in the latencies.' },
  { term: 'write p50 ms', meaning: 'Median write (update and insert) latency, from the intended start of the operation to its acknowledgement.' },
  { term: 'write p99 ms', meaning: '99th-percentile write latency: one write in a hundred took longer.' },
  { term: 'read p50 ms', meaning: 'Median read latency (plain reads).' },
  { term: 'read p99 ms', meaning: '99th-percentile read latency.' },
  { term: 'insert p99 ms', meaning: '99th-percentile latency of inserts alone (they are also among the writes). Shown when inserts ran.' },
  { term: 'scan p99 ms', meaning: '99th-percentile scan latency (a scan waits for every partition it covers). Shown when scans ran.' },
  { term: 'rmw p99 ms', meaning: '99th-percentile read-modify-write latency (a read, then a write of the same key). Shown when read-modify-writes ran.' },
  { term: 'stale %', meaning: 'Share of reads that returned a write older (by the strategy\'s version order) than one acknowledged to a client before the read started.' },
  { term: 'ryw %', meaning: 'Read-your-writes violations: share of a client\'s reads that returned a version older than its own latest acknowledged write to the key. Shown for closed-loop clients (sessions).' },
  { term: 'mono %', meaning: 'Monotonic-read violations: share of a client\'s reads that returned a version older than one it had read before.' },
  { term: 'prefix %', meaning: 'Consistent-prefix violations: share of a client\'s reads that missed the key\'s newest acknowledged write although the client had already seen a later write by that write\'s own client.' },
  { term: 'lag p99 ms', meaning: 'Replication lag, 99th percentile over every (write, replica other than its coordinator) pair: how long after a write was acknowledged the replica held it or a newer version (0 when replicas apply before the acknowledgement, as with sync).' },
  { term: 'failed ops', meaning: 'Operations that failed or timed out at the client (never counted as successful, never in the latencies).' },
  { term: 'lost writes', meaning: 'Acknowledged writes whose every copy was rolled back (after a failover, typically): data the client was told is safe, gone.' },
  { term: 'overwritten', meaning: 'Acknowledged writes silently replaced by a concurrent write that did not follow them (last-writer-wins discarded them). Shown when some case has them.' },
  { term: 'conflicts', meaning: 'Writes kept as siblings of a concurrent write (version vectors), or reported as conflicts by the strategy. Shown when some case has them.' },
  { term: 'fallbacks', meaning: 'Semi-synchronous writes acknowledged without the required follower acknowledgements because the wait timed out (the strategy fell back to asynchronous). Real backends: Redis writes whose `WAIT k` answered fewer than k; MariaDB transactions committed without a replica\'s acknowledgement (`Rpl_semi_sync_master_no_tx`).' },
  { term: 'retransmits', meaning: 'Log entries a leader sent to a follower again, because no acknowledgement came in time or the follower reported a gap: the cost of lost messages and of crashed or cut-off followers.' },
];

/** The text every table shows for a value that was not measured, explained. */
export const NOT_MEASURED_NOTE = `${NOT_MEASURED} marks a value that was not measured (for example read latency in a case without reads, or saturation of a closed loop).`;

/** The glossary as a markdown table (as it appears in README.md). */
export function glossaryMarkdown(): string {
  return ['| column | meaning |', '|---|---|', ...GLOSSARY.map((e) => `| ${e.term} | ${e.meaning.replace(/\|/g, '\\|')} |`)].join('\n');
}

/** The meaning of a column header, if it has one. */
export function meaningOf(term: string): string | undefined {
  return GLOSSARY.find((e) => e.term === term)?.meaning;
}
