/**
 * The run journal: JSON lines appended and fsynced as each case finishes, so an interrupted
 * or crashed run keeps every finished case. Line 1 is a header naming the suite (fingerprint)
 * and replbench version; `--resume` refuses a journal whose header does not match.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { CaseResult } from '../reports/schema.js';
import { InputError } from './config/errors.js';
import { insideDir } from './output.js';

/** File name of the journal inside the output folder. */
export const JOURNAL_FILE = 'journal.jsonl';

/** The journal's first line. */
export interface JournalHeader {
  readonly type: 'header';
  readonly suite: string;
  /** The suite file as results show it (tells two suites of the same name apart). */
  readonly source?: string;
  readonly fingerprint: string;
  readonly replbench: string;
  /** Hash of replbench's simulation code (see code-hash.ts). */
  readonly code?: string;
  readonly seed: number;
  readonly total: number;
  readonly shard?: { readonly index: number; readonly count: number };
}

/** Appends case results to a journal file, one fsynced line each. */
export class Journal {
  private readonly fd: number;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** Opens `dir/journal.jsonl`: a new journal with `header`, or (resume) appends to an existing one. */
  static open(dir: string, header: JournalHeader, append: boolean): Journal {
    const file = insideDir(dir, JOURNAL_FILE);
    const fd = openSync(file, append ? 'a' : 'w');
    const j = new Journal(fd);
    if (!append) j.line(header);
    return j;
  }

  /** Records one finished case (durably, before returning). */
  append(result: CaseResult): void {
    this.line({ type: 'case', result });
  }

  private line(value: unknown): void {
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
    fsyncSync(this.fd);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}

/** Reads a journal: its header and the cases it holds (a torn last line from a crash is ignored). */
export function readJournal(dir: string): { header: JournalHeader; cases: CaseResult[] } {
  const file = insideDir(dir, JOURNAL_FILE);
  if (!existsSync(file)) throw new InputError([{ path: '--resume', message: `${dir} has no ${JOURNAL_FILE}: nothing to resume` }]);
  const lines = readFileSync(file, 'utf8').split('\n');
  let header: JournalHeader | undefined;
  const byId = new Map<string, CaseResult>();
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let v: { type?: string; result?: CaseResult };
    try {
      v = JSON.parse(text);
    } catch {
      if (i === lines.length - 1 || lines.slice(i + 1).every((l) => !l.trim())) return; // torn final line
      throw new InputError([{ path: `${JOURNAL_FILE}:${i + 1}`, message: 'corrupt journal line' }]);
    }
    if (v.type === 'header') header = v as unknown as JournalHeader;
    else if (v.type === 'case' && v.result) byId.set(v.result.id, v.result);
  });
  if (!header) throw new InputError([{ path: `${JOURNAL_FILE}:1`, message: 'journal has no header line' }]);
  return { header, cases: [...byId.values()] };
}
