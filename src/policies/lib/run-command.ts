/**
 * Run a configured command (the test command) through the shell, in its own process group so a
 * timeout or an interrupt stops the whole tree (test runners start workers). Keeps the last lines
 * of combined output for the record; never more than a bounded buffer in memory.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  exitCode: number | null;
  durationMs: number;
  tail: string;
  timedOut: boolean;
  /** Set when the command could not start. */
  error?: string;
}

/** Variables git sets for hooks that point at this repo's internals; a test suite must not inherit them. */
const GIT_LOCATION_VARS = ['GIT_INDEX_FILE', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES'];

export function commandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const k of GIT_LOCATION_VARS) delete out[k];
  return out;
}

const MAX_BUFFER = 256 * 1024;

export function tailLines(text: string, n: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r(?!\n)/g, '\n');
  return clean
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim())
    .slice(-n)
    .join('\n');
}

export function runCommand(command: string, opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal; tailLines?: number }): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let buf = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(command, { cwd: opts.cwd, env: commandEnv(opts.env), shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    const killTree = (sig: NodeJS.Signals) => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    const onData = (b: Buffer) => {
      buf += b.toString('utf8');
      if (buf.length > MAX_BUFFER) buf = buf.slice(-MAX_BUFFER);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = setTimeout(() => {
      timedOut = true;
      killTree('SIGTERM');
      setTimeout(() => killTree('SIGKILL'), 2000).unref();
    }, opts.timeoutMs);
    // The child has its own process group, so a Ctrl-C at the terminal does not reach it: forward
    // the signal, then let it take its default course for us.
    const forward = (sig: NodeJS.Signals) => {
      killTree(sig);
      cleanup();
      process.kill(process.pid, sig);
    };
    const onInt = () => forward('SIGINT');
    const onTerm = () => forward('SIGTERM');
    const onAbort = () => killTree('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const finish = (exitCode: number | null, error?: string) => {
      if (settled) return;
      settled = true;
      cleanup();
      const r: CommandResult = { exitCode, durationMs: Date.now() - started, tail: tailLines(buf, opts.tailLines ?? 30), timedOut };
      if (error) r.error = error;
      resolve(r);
    };
    child.on('error', (e) => finish(null, e.message));
    const SIGNUM: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
    const codeOf = (code: number | null, sig: NodeJS.Signals | null) => (code !== null ? code : sig ? 128 + (SIGNUM[sig] ?? 0) : null);
    child.on('close', (code, sig) => finish(codeOf(code, sig)));
    // A background process the command left behind (a dev server, a watcher) may keep the output
    // pipes open forever: once the command itself has exited, wait briefly for output, then stop.
    child.on('exit', (code, sig) => setTimeout(() => finish(codeOf(code, sig)), 1500).unref());
  });
}
