/**
 * Server processes of real backends and the per-run folder they live in. Servers are spawned as
 * an unprivileged user when replbench runs as root, tracked by process id (and start time, so a
 * reused id is never signalled), and always stopped: by the case that started them, and on
 * process exit, SIGTERM, SIGHUP and an unhandled Ctrl-C. The run folder records its owner and its
 * servers in owner.json, so a later run removes what a killed run left (stopping its servers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Prefix of every run folder in the system's temporary folder. */
export const RUN_PREFIX = 'replbench-real-';

/** The account servers run as. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The unprivileged account servers run as when replbench runs as root (`nobody`), else null (servers run as the current user). */
export function serverUser(): ServerUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === 'nobody' && f.length >= 4) return { name: 'nobody', uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch {
    // fall through to the conventional ids
  }
  return { name: 'nobody', uid: 65534, gid: 65534 };
}

/**
 * Folders on the way to `target` (itself included) that `user` cannot traverse (execute
 * permission for others, or as owner/group). Servers need every one of them.
 */
export function untraversable(target: string, user: ServerUser): string[] {
  const out: string[] = [];
  let dir = path.resolve(target);
  for (;;) {
    try {
      const st = statSync(dir);
      const ok = st.uid === user.uid ? st.mode & 0o100 : st.gid === user.gid ? st.mode & 0o010 : st.mode & 0o001;
      if (st.isDirectory() && !ok) out.push(dir);
    } catch {
      out.push(dir);
    }
    const up = path.dirname(dir);
    if (up === dir) return out.reverse();
    dir = up;
  }
}

/** The start time of process `pid` (clock ticks since boot, /proc/<pid>/stat field 22), or null if it is not running. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    if (state === 'Z' || state === 'X') return null;
    return Number(rest[19]);
  } catch {
    return null;
  }
}

/** Whether process `pid` with start time `start` is still running. */
function alive(pid: number, start: number): boolean {
  return processStart(pid) === start;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` (only in exit paths, where nothing asynchronous runs any more). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Sends `signal` to a tracked process if it is still the same process. */
function signal(pid: number, start: number, sig: NodeJS.Signals): boolean {
  if (!alive(pid, start)) return false;
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** Stops processes synchronously: SIGQUIT (PostgreSQL's immediate shutdown; others exit), then SIGKILL after `graceMs`. */
function stopSync(procs: readonly { pid: number; start: number }[], graceMs = 3000): void {
  const live = procs.filter((p) => signal(p.pid, p.start, 'SIGQUIT'));
  const until = Date.now() + graceMs;
  while (live.some((p) => alive(p.pid, p.start)) && Date.now() < until) sleepSync(20);
  for (const p of live) signal(p.pid, p.start, 'SIGKILL');
  const killedUntil = Date.now() + 1000;
  while (live.some((p) => alive(p.pid, p.start)) && Date.now() < killedUntil) sleepSync(10);
}

interface OwnerFile {
  readonly pid: number;
  readonly start: number;
  readonly servers: { pid: number; start: number; name: string }[];
}

/** A server process replbench started. */
export class Server {
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  private done = false;
  readonly start: number;

  constructor(readonly name: string, readonly child: ChildProcess, folder: RunFolder) {
    this.start = processStart(child.pid!) ?? -1;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, sig) => {
        this.done = true;
        folder.forget(this);
        resolve(code ?? sig ?? 'unknown');
      });
    });
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Whether the process has ended. */
  get stopped(): boolean {
    return this.done;
  }

  /** Sends a signal (no-op once stopped). */
  kill(sig: NodeJS.Signals): void {
    if (!this.done) signal(this.pid, this.start, sig);
  }

  /** Stops the process: `first` (SIGINT: PostgreSQL's fast shutdown), SIGQUIT after `graceMs`, SIGKILL after as long again. */
  async stop(first: NodeJS.Signals = 'SIGINT', graceMs = 10_000): Promise<void> {
    if (this.done) return;
    const wait = (ms: number) => Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    this.kill(first);
    if (await wait(graceMs)) return;
    this.kill('SIGQUIT');
    if (await wait(graceMs)) return;
    this.kill('SIGKILL');
    await this.exited;
  }
}

const openFolders = new Set<RunFolder>();
let handlersInstalled = false;

/** Stops every server of every open run folder and removes the folders (synchronously: exit paths). */
export function stopEverythingSync(): void {
  for (const f of [...openFolders]) f.closeSync();
}

function onSignal(sig: NodeJS.Signals, code: number): () => void {
  return () => {
    // Ctrl-C with a handler of the caller's (the CLI stops its run gracefully): leave it to them.
    if (sig === 'SIGINT' && process.listenerCount('SIGINT') > 1) return;
    stopEverythingSync();
    process.exit(code);
  };
}

const handlers: [NodeJS.Signals, () => void][] = [
  ['SIGINT', onSignal('SIGINT', 130)],
  ['SIGTERM', onSignal('SIGTERM', 143)],
  ['SIGHUP', onSignal('SIGHUP', 129)],
];
const onExit = () => stopEverythingSync();

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  for (const [sig, h] of handlers) process.on(sig, h);
}

function removeHandlers(): void {
  if (!handlersInstalled || openFolders.size > 0) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  for (const [sig, h] of handlers) process.off(sig, h);
}

/**
 * A run's temporary folder (`<tmp>/replbench-real-<random>`): servers' data, logs and sockets.
 * Readable by the server user, recorded in owner.json, removed by close().
 */
export class RunFolder {
  readonly dir: string;
  private readonly servers = new Set<Server>();
  private closed = false;

  private constructor(readonly user: ServerUser | null) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
    // Others may traverse (not list) the folder: the server user reaches its own subfolders.
    if (user) chmodSync(this.dir, 0o711);
    openFolders.add(this);
    installHandlers();
    this.writeOwner();
  }

  /** Creates a run folder (after removing what killed runs left); throws if the server user could not reach it. */
  static create(): RunFolder {
    removeStaleRuns();
    const f = new RunFolder(serverUser());
    if (f.user) {
      const blocked = untraversable(f.dir, f.user);
      if (blocked.length) {
        f.closeSync();
        throw new Error(`servers run as the unprivileged user ${f.user.name} (replbench runs as root), who cannot enter ${blocked.join(', ')}: allow others to traverse it (chmod o+x) or set TMPDIR to a folder they can reach`);
      }
    }
    return f;
  }

  /** Makes a subfolder owned by the server user (mode 0700: PostgreSQL requires it for data folders). */
  mkdir(name: string, mode = 0o700): string {
    const p = path.join(this.dir, name);
    mkdirSync(p, { recursive: true, mode });
    chmodSync(p, mode);
    if (this.user) chownSync(p, this.user.uid, this.user.gid);
    return p;
  }

  /** Gives `p` (a file or folder in the run folder) to the server user. */
  own(p: string): void {
    if (this.user) chownSync(p, this.user.uid, this.user.gid);
  }

  /** Spawns a server as the server user, its output appended to `logFile`, tracked until it exits. */
  spawn(name: string, file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; logFile: string; cwd?: string }): Server {
    if (this.closed) throw new Error('run folder closed');
    const fd = openSync(options.logFile, 'a', 0o644);
    this.own(options.logFile);
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        stdio: ['ignore', fd, fd],
        env: options.env ?? process.env,
        cwd: options.cwd ?? this.dir,
        ...(this.user ? { uid: this.user.uid, gid: this.user.gid } : {}),
      });
    } finally {
      closeSync(fd);
    }
    if (child.pid === undefined) throw new Error(`cannot start ${name} (${file})`);
    const s = new Server(name, child, this);
    this.servers.add(s);
    this.writeOwner();
    child.on('error', () => undefined);
    return s;
  }

  /** Called by a server when it exits. */
  forget(s: Server): void {
    if (this.servers.delete(s) && !this.closed) this.writeOwner();
  }

  /** Servers still running. */
  running(): Server[] {
    return [...this.servers].filter((s) => !s.stopped);
  }

  private writeOwner(): void {
    const owner: OwnerFile = { pid: process.pid, start: processStart(process.pid) ?? -1, servers: [...this.servers].map((s) => ({ pid: s.pid, start: s.start, name: s.name })) };
    try {
      writeFileSync(path.join(this.dir, 'owner.json'), JSON.stringify(owner));
    } catch {
      // the folder is being removed
    }
  }

  /** Stops every server (fast shutdown, escalating) and removes the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.servers].map((s) => s.stop()));
    this.closeSync();
  }

  /** Stops every server at once (immediate shutdown) and removes the folder, synchronously. */
  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    stopSync([...this.servers].filter((s) => !s.stopped).map((s) => ({ pid: s.pid, start: s.start })));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
    openFolders.delete(this);
    removeHandlers();
  }
}

/** What removeStaleRuns found. */
export interface StaleRun {
  readonly dir: string;
  readonly stopped: number;
}

/**
 * Removes run folders whose owner is no longer running (a killed run), stopping the servers
 * they recorded (checked by start time, so a reused process id is left alone) and any server
 * whose postmaster.pid is in the folder.
 */
export function removeStaleRuns(tmp = os.tmpdir()): StaleRun[] {
  const out: StaleRun[] = [];
  let names: string[];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(RUN_PREFIX));
  } catch {
    return out;
  }
  for (const n of names) {
    const dir = path.join(tmp, n);
    let owner: OwnerFile | null = null;
    try {
      owner = JSON.parse(readFileSync(path.join(dir, 'owner.json'), 'utf8')) as OwnerFile;
    } catch {
      owner = null;
    }
    if (owner && alive(owner.pid, owner.start)) continue;
    if (!owner) {
      // No owner file: only a folder older than a minute (a run being created writes it at once).
      try {
        if (Date.now() - statSync(dir).mtimeMs < 60_000) continue;
      } catch {
        continue;
      }
    }
    const procs = [...(owner?.servers ?? [])].filter((s) => alive(s.pid, s.start));
    for (const pidFile of findPidFiles(dir)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      const start = Number.isSafeInteger(pid) && pid > 0 ? processStart(pid) : null;
      if (start !== null && cmdlineMentions(pid, path.dirname(pidFile)) && !procs.some((p) => p.pid === pid)) procs.push({ pid, start, name: 'postmaster' });
    }
    stopSync(procs);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    out.push({ dir, stopped: procs.length });
  }
  return out;
}

function findPidFiles(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  const out: string[] = [];
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name === 'postmaster.pid') out.push(p);
      else if (e.isDirectory() && !e.isSymbolicLink()) out.push(...findPidFiles(p, depth + 1));
    }
  } catch {
    // unreadable: nothing to find
  }
  return out;
}

function cmdlineMentions(pid: number, dir: string): boolean {
  try {
    return existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false;
  }
}
