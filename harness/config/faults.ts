/** Fault schedules: resolved to plain data and checked against the cluster and the run's duration. */
import type { InputProblem } from './errors.js';
import type { FaultConfig, FaultTarget, ParsedCase } from './schema.js';

type RawFault = ParsedCase['faults'][number];
type RawTarget = number | 'random' | { 'leader-of': number | string } | { 'a-follower-of': number | string };

const partitionNumber = (p: number | string) => (typeof p === 'number' ? p : Number(p.slice(1)));

function target(t: RawTarget, at: string, nodes: number, partitions: number, problems: InputProblem[]): FaultTarget {
  if (typeof t === 'number') {
    if (t >= nodes) problems.push({ path: at, message: `unknown node ${t} (nodes are 0..${nodes - 1})` });
    return t;
  }
  if (t === 'random') return t;
  const [role, p] = Object.entries(t)[0] as ['leader-of' | 'a-follower-of', number | string];
  const n = partitionNumber(p);
  if (n >= partitions) problems.push({ path: `${at}.${role}`, message: `unknown partition ${String(p)} (partitions are 0..${partitions - 1})` });
  return role === 'leader-of' ? { 'leader-of': n } : { 'a-follower-of': n };
}

/** Resolves and checks the fault list of a case. */
export function resolveFaults(raw: readonly RawFault[], nodes: number, partitions: number, duration: number, problems: InputProblem[], at = 'faults'): FaultConfig[] {
  return raw.map((f, i) => {
    const path = `${at}[${i}]`;
    if (f.at >= duration) problems.push({ path: `${path}.at`, message: `${f.at / 1000} ms is not before the end of the run (duration ${duration / 1000} ms)` });
    const win = { at: f.at, for: f.for ?? null };
    switch (f.kind) {
      case 'crash':
        return { kind: 'crash', node: target(f.node as RawTarget, `${path}.node`, nodes, partitions, problems), ...win };
      case 'partition': {
        const seen = new Map<number, number>();
        f.groups.forEach((g, gi) =>
          g.forEach((n, ni) => {
            if (n >= nodes) problems.push({ path: `${path}.groups[${gi}][${ni}]`, message: `unknown node ${n} (nodes are 0..${nodes - 1})` });
            else if (seen.has(n)) problems.push({ path: `${path}.groups[${gi}][${ni}]`, message: `node ${n} is listed twice (also in group ${seen.get(n)})` });
            else seen.set(n, gi);
          }),
        );
        if (f.clients !== undefined && f.clients >= f.groups.length) problems.push({ path: `${path}.clients`, message: `no group ${f.clients} (there are ${f.groups.length})` });
        return { kind: 'partition', groups: f.groups, clients: f.clients ?? null, ...win };
      }
      case 'slow':
        if ((f.node === undefined) === (f.link === undefined)) problems.push({ path: path, message: 'a slow fault names exactly one of node or link' });
        if (f.link && f.link[0] === f.link[1] && typeof f.link[0] === 'number') problems.push({ path: `${path}.link`, message: 'a link joins two different nodes' });
        return {
          kind: 'slow',
          node: f.node !== undefined ? target(f.node as RawTarget, `${path}.node`, nodes, partitions, problems) : null,
          link: f.link ? [target(f.link[0] as RawTarget, `${path}.link[0]`, nodes, partitions, problems), target(f.link[1] as RawTarget, `${path}.link[1]`, nodes, partitions, problems)] : null,
          factor: f.factor,
          ...win,
        };
      case 'loss':
        return { kind: 'loss', probability: f.probability, ...win };
    }
  });
}

export { faultLabel } from '../../reports/fault-label.js';
