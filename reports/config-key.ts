/** The identity of a case's configuration independent of its seed, repetition and suite name. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { CaseConfig } from './schema.js';

/** Fields that do not define *what* is measured: the seed, the repetition index and the suite's name. */
const IGNORED = new Set(['seed', 'repetition', 'suite']);

/** The config without seed, repetition and suite name (what two runs must share to be compared). */
export function comparableConfig(config: CaseConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => !IGNORED.has(k)));
}

/** A stable 16-hex-digit key: sha256 over the canonical JSON of `comparableConfig(config)`. */
export function configKey(config: CaseConfig): string {
  return createHash('sha256').update(canonicalJson(comparableConfig(config))).digest('hex').slice(0, 16);
}

/** A case's name without the trailing `rep=N` that repetitions add. */
export function groupName(caseName: string): string {
  return caseName.replace(/\s*\brep=\d+$/, '') || caseName;
}
