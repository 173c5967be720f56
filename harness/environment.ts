/** The environment fingerprint recorded with every run. */
import os from 'node:os';
import type { Environment } from '../reports/schema.js';
import { VERSION } from './version.js';
import { codeHash } from './code-hash.js';

/** Describes this machine and runtime. */
export function environment(): Environment {
  const cpus = os.cpus();
  return { replbench: VERSION, node: process.version, platform: process.platform, arch: process.arch, cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown', code: codeHash() };
}
