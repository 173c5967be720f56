/**
 * Test support: runs the `report` and `compare` commands in-process through commander (as
 * `replbench report ...` / `replbench compare ...` would), capturing output and the exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerCompareCommand } from '../../harness/cli/compare-command.js';
import { registerReportCommand, type CommandIo } from '../../harness/cli/report-command.js';
import type { RunResults } from '../../reports/schema.js';
import { tempDir } from '../helpers/cli.js';

/** Output and exit code of one command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `replbench <args>` with only the report and compare commands registered. */
export async function runCommand(args: readonly string[]): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), exit: (c) => void (code = c) };
  const program = new Command().name('replbench').exitOverride().configureOutput({ writeOut: (t) => void (stdout += t), writeErr: (t) => void (stderr += t) });
  registerReportCommand(program, io);
  registerCompareCommand(program, io);
  try {
    await program.parseAsync(['node', 'replbench', ...args]);
  } catch (err) {
    // As in main.ts: commander's own errors (unknown option, bad choice) are bad input.
    code = err instanceof CommanderError && err.code === 'commander.helpDisplayed' ? 0 : 2;
  }
  return { code, stdout, stderr };
}

/** Writes `results` as DIR/results.json in a fresh folder (or `dir`) and returns the folder. */
export function writeResultsDir(results: RunResults | unknown, dir = tempDir('replbench-results-')): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'results.json'), typeof results === 'string' ? results : JSON.stringify(results, null, 2));
  return dir;
}
