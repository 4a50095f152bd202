/**
 * The run ledger: `<worktree>/.harness/ledger.jsonl`, one JSON line per hook run (a RunRecord,
 * format version `v: 1`, documented in docs/handoff.md).
 *
 * Concurrency: every worktree has its own `.harness` directory, so worktrees never share a file.
 * Within one worktree, each record is written with ONE write() of a whole line on a file opened
 * with O_APPEND, so concurrent appends interleave by line, never inside a line. Rotation (rename to
 * ledger.1.jsonl when over `maxBytes`) happens under a lock file created with O_EXCL; a lock older
 * than STALE_LOCK_MS, or held by a process that no longer exists, is taken over.
 */
import { closeSync, constants, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../engine/types.js';

export const LEDGER_FILE = 'ledger.jsonl';
export const STALE_LOCK_MS = 30_000;

export interface LedgerOptions {
  maxBytes: number;
  keep: number;
}

/** Create the harness dir with a `.gitignore` of `*`, so it stays out of git without touching the user's ignore files. */
export function ensureHarnessDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const gi = join(dir, '.gitignore');
  if (!existsSync(gi)) {
    try {
      writeFileSync(gi, '# harness-hooks: per-worktree ledger, handoffs and notes; not for git.\n*\n', { flag: 'wx' });
    } catch {
      /* another process wrote it */
    }
  }
}

/** Whether a record carries free text (command output, messages, reasons) that must be redacted. */
export function hasFreeText(r: RunRecord): boolean {
  return (
    r.findings.length > 0 ||
    r.commands.length > 0 ||
    r.waivers.length > 0 ||
    r.policies.some((p) => p.note !== undefined) ||
    r.emergency !== undefined ||
    r.error !== undefined
  );
}

/**
 * Every string inside a finding's data, redacted one by one (not the JSON text: there quotes are
 * escaped, `password=\"...\"`, which no rule reads as an assignment, and a masked span could cut
 * the JSON apart).
 */
function redactLeaves(v: unknown, redact: (s: string) => string): unknown {
  if (typeof v === 'string') return redact(v);
  if (Array.isArray(v)) return v.map((x) => redactLeaves(x, redact));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactLeaves(x, redact)]));
  return v;
}

/** Redact every free-text field of a record (command output, finding messages, reasons). */
export function redactRecord(r: RunRecord, redact: (s: string) => string): RunRecord {
  return {
    ...r,
    findings: r.findings.map((f) => ({
      ...f,
      message: redact(f.message),
      ...(f.fix !== undefined ? { fix: redact(f.fix) } : {}),
      ...(f.waived ? { waived: { ...f.waived, reason: redact(f.waived.reason) } } : {}),
      ...(f.data ? { data: redactLeaves(f.data, redact) as Record<string, unknown> } : {}),
    })),
    commands: r.commands.map((c) => ({ ...c, command: redact(c.command), tail: redact(c.tail) })),
    waivers: r.waivers.map((w) => ({ ...w, reason: redact(w.reason) })),
    policies: r.policies.map((p) => (p.note !== undefined ? { ...p, note: redact(p.note) } : p)),
    ...(r.emergency !== undefined ? { emergency: redact(r.emergency) } : {}),
    ...(r.error !== undefined ? { error: redact(r.error) } : {}),
  };
}

/** Append one line with a single write(2) on an O_APPEND descriptor. */
export function appendLine(file: string, line: string): void {
  const buf = Buffer.from(line.endsWith('\n') ? line : line + '\n', 'utf8');
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    let off = 0;
    // A regular-file append of a few KB is written whole; loop only for the pathological case.
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take `<file>.lock` with O_EXCL. Returns a release function, or null when someone else holds it. */
export function tryLock(lockFile: string, now = Date.now()): (() => void) | null {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      writeSync(fd, `${process.pid} ${new Date(now).toISOString()}\n`);
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Stale? (holder died, or the lock is older than STALE_LOCK_MS)
      let stale = false;
      try {
        const st = statSync(lockFile);
        const pid = Number(readFileSync(lockFile, 'utf8').split(' ')[0]);
        stale = now - st.mtimeMs > STALE_LOCK_MS || (Number.isInteger(pid) && pid > 0 && !pidAlive(pid));
      } catch {
        continue; // vanished between open and stat: try again
      }
      if (!stale) return null;
      try {
        // Rename-then-unlink so two processes cannot both "remove the stale lock" and both win.
        const grave = `${lockFile}.stale-${process.pid}-${now}`;
        renameSync(lockFile, grave);
        unlinkSync(grave);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Rotate when over size: ledger.jsonl -> ledger.1.jsonl -> ... -> ledger.<keep>.jsonl (dropped after). */
export function rotateIfNeeded(dir: string, opts: LedgerOptions): boolean {
  const file = join(dir, LEDGER_FILE);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size < opts.maxBytes) return false;
  const release = tryLock(join(dir, 'ledger.lock'));
  if (!release) return false; // someone else is rotating; our line is appended to whichever file is current
  try {
    // Re-check under the lock: another process may have rotated already.
    try {
      if (statSync(file).size < opts.maxBytes) return false;
    } catch {
      return false;
    }
    for (let i = opts.keep - 1; i >= 1; i--) {
      const from = join(dir, `ledger.${i}.jsonl`);
      if (existsSync(from)) renameSync(from, join(dir, `ledger.${i + 1}.jsonl`));
    }
    renameSync(file, join(dir, 'ledger.1.jsonl'));
    return true;
  } finally {
    release();
  }
}

/**
 * Append a run record, redacted. The secret scanner is loaded only when the record has free text
 * (a clean run, the common case, does not pay for it), and then only the rule families whose
 * keywords occur in that text.
 */
export async function appendRecord(dir: string, record: RunRecord, opts: LedgerOptions): Promise<void> {
  ensureHarnessDir(dir);
  let safe = record;
  if (hasFreeText(record)) {
    // Two passes: collect the record's texts, then redact them with only the rules they need.
    const texts: string[] = [];
    redactRecord(record, (s) => (texts.push(s), s));
    const { redactorFor } = await import('./redactor.js');
    safe = redactRecord(record, await redactorFor(texts));
  }
  appendLine(join(dir, LEDGER_FILE), JSON.stringify(safe));
  rotateIfNeeded(dir, opts);
}

function parseLines(text: string): RunRecord[] {
  const out: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as RunRecord;
      if (r && r.v === 1 && typeof r.hook === 'string') out.push(r);
    } catch {
      /* a torn or foreign line: skip it */
    }
  }
  return out;
}

/** Records oldest first: the newest rotated file (ledger.1.jsonl) and the current one. */
export function readLedger(dir: string, opts: { includeRotated?: boolean } = {}): RunRecord[] {
  const files = [...(opts.includeRotated === false ? [] : [join(dir, 'ledger.1.jsonl')]), join(dir, LEDGER_FILE)];
  const out: RunRecord[] = [];
  for (const f of files) {
    try {
      out.push(...parseLines(readFileSync(f, 'utf8')));
    } catch {
      /* missing */
    }
  }
  return out;
}

/**
 * The records that belong to the commit being made or just made: the newest `hook` record after the
 * last post-commit record, preferring one whose changeHash matches.
 */
export function recordsForCommit(records: RunRecord[], opts: { changeHash?: string; root?: string; head?: string } = {}): { preCommit?: RunRecord; commitMsg?: RunRecord } {
  let start = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i]!.hook === 'post-commit') {
      start = i + 1;
      break;
    }
  }
  const since = records.slice(start).filter((r) => (!opts.root || r.repo.root === opts.root) && (!opts.head || r.repo.head === opts.head));
  const pick = (hook: 'pre-commit' | 'commit-msg') => {
    const mine = since.filter((r) => r.hook === hook);
    if (opts.changeHash) {
      const exact = mine.filter((r) => r.changeHash === opts.changeHash);
      if (exact.length) return exact[exact.length - 1];
      // A run with no policies reads no change and has no changeHash: it still ran.
      const nochange = mine.filter((r) => r.changeHash === undefined);
      return nochange[nochange.length - 1];
    }
    return mine[mine.length - 1];
  };
  return { preCommit: pick('pre-commit'), commitMsg: pick('commit-msg') };
}
