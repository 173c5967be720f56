/** Human labels for scheduled faults (shared by case names, charts and tables). */
import type { FaultConfig, FaultTarget } from './schema.js';

/** A short human label for a fault ("crash leader-of p0", "partition [0] | [1,2]"). */
export function faultLabel(f: FaultConfig): string {
  const t = (x: FaultTarget | null) => (x === null ? '' : typeof x === 'number' ? `node ${x}` : x === 'random' ? 'random node' : 'leader-of' in x ? `leader of p${x['leader-of']}` : `a follower of p${x['a-follower-of']}`);
  switch (f.kind) {
    case 'crash':
      return `crash ${t(f.node)}`;
    case 'partition':
      return `partition ${f.groups.map((g) => `[${g.join(',')}]`).join(' | ')}`;
    case 'slow':
      return f.link ? `slow link ${t(f.link[0])}–${t(f.link[1])} ×${f.factor}` : `slow ${t(f.node)} ×${f.factor}`;
    case 'loss':
      return `loss ${(f.probability * 100).toFixed(0)}%`;
  }
}
