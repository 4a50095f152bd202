/**
 * The ledger: whole lines under concurrent appends from many processes, rotation under an O_EXCL
 * lock (stale locks taken over, live ones respected), bounded size, redaction of stored text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, tempDir, PROJECT_ROOT } from '../helpers/repo.js';
import { appendRecord, readLedger, recordsForCommit, rotateIfNeeded, tryLock, STALE_LOCK_MS } from '../../src/handoff/ledger.js';
import type { RunRecord } from '../../src/engine/types.js';

afterAll(cleanupAll);

function record(i: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    v: 1,
    id: `id-${i}`,
    time: new Date(0).toISOString(),
    hook: 'pre-commit',
    outcome: 'passed',
    exitCode: 0,
    durationMs: i,
    repo: { root: '/r', branch: 'main', head: 'h', linkedWorktree: false },
    agent: { isAgent: false },
    policies: [],
    findings: [],
    waivers: [],
    skipped: [],
    commands: [],
    configHash: 'c'.repeat(64),
    ...extra,
  };
}

const lines = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^ledger(\.\d+)?\.jsonl$/.test(f))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));

describe('ledger', () => {
  it('keeps every line whole when several processes append and rotate at once', async () => {
    const dir = tempDir('hh-ledger-');
    const writer = join(PROJECT_ROOT, 'dist', 'handoff', 'ledger.js');
    const script = `
      const { appendRecord } = await import(${JSON.stringify('file://' + writer)});
      const pad = 'x'.repeat(600);
      for (let i = 0; i < 60; i++) await appendRecord(process.argv[1], { v: 1, id: process.pid + '-' + i, time: '', hook: 'pre-commit', outcome: 'passed', exitCode: 0, durationMs: i, repo: { root: pad, linkedWorktree: false }, agent: { isAgent: false }, policies: [], findings: [], waivers: [], skipped: [], commands: [], configHash: '' }, { maxBytes: 40000, keep: 20 });
    `;
    const procs = Array.from({ length: 6 }, () =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: 'inherit' });
        p.on('close', (c) => resolve(c ?? -1));
      }),
    );
    expect(await Promise.all(procs)).toEqual([0, 0, 0, 0, 0, 0]);
    const all = lines(dir);
    expect(all).toHaveLength(360);
    const ids = new Set(all.map((l) => JSON.parse(l).id)); // every line parses
    expect(ids.size).toBe(360);
    expect(existsSync(join(dir, 'ledger.1.jsonl'))).toBe(true); // it did rotate
    expect(existsSync(join(dir, 'ledger.lock'))).toBe(false); // and released the lock
  });

  it('rotation keeps at most `keep` old files: the ledger stays bounded', async () => {
    const dir = tempDir('hh-ledger-');
    for (let i = 0; i < 200; i++) await appendRecord(dir, record(i, { error: 'y'.repeat(400) }), { maxBytes: 5000, keep: 2 });
    const files = readdirSync(dir).filter((f) => f.startsWith('ledger'));
    expect(files.sort()).toEqual(['ledger.1.jsonl', 'ledger.2.jsonl', 'ledger.jsonl']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThan(5000 + 1000);
    // the newest record is readable, oldest first across the current and previous file
    const recs = readLedger(dir);
    expect(recs[recs.length - 1]!.id).toBe('id-199');
  });

  it('a fresh lock held by a live process is respected; a stale one is taken over', () => {
    const dir = tempDir('hh-ledger-');
    writeFileSync(join(dir, 'ledger.jsonl'), JSON.stringify(record(1)) + '\n');
    writeFileSync(join(dir, 'ledger.lock'), `${process.pid} now\n`);
    expect(rotateIfNeeded(dir, { maxBytes: 10, keep: 2 })).toBe(false);
    expect(existsSync(join(dir, 'ledger.1.jsonl'))).toBe(false);
    // a lock left by a process that no longer exists
    writeFileSync(join(dir, 'ledger.lock'), `999999999 then\n`);
    expect(rotateIfNeeded(dir, { maxBytes: 10, keep: 2 })).toBe(true);
    expect(existsSync(join(dir, 'ledger.1.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'ledger.lock'))).toBe(false);
    // an old lock (older than STALE_LOCK_MS), even with a live pid
    writeFileSync(join(dir, 'ledger.lock'), `${process.pid} old\n`);
    const release = tryLock(join(dir, 'ledger.lock'), Date.now() + STALE_LOCK_MS + 1000);
    expect(release).toBeTypeOf('function');
    release!();
    expect(existsSync(join(dir, 'ledger.lock'))).toBe(false);
  });

  it('stores command output, finding messages and waiver reasons redacted', async () => {
    const dir = tempDir('hh-ledger-');
    const token = 'ghp_' + 'Zq8Wm2Lp'.repeat(4) + 'Ab12';
    await appendRecord(
      dir,
      record(1, {
        commands: [{ policy: 'tests', command: `curl -H "token ${token}"`, exitCode: 1, durationMs: 3, tail: `401 for ${token}` }],
        findings: [{ policy: 'secrets', severity: 'error', message: `found ${token}`, waivable: false, data: { preview: token } }],
        waivers: [{ policies: ['size'], reason: `because ${token}`, via: 'env' }],
      }),
      { maxBytes: 1e6, keep: 2 },
    );
    const text = readFileSync(join(dir, 'ledger.jsonl'), 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4, 30));
    expect(text).toMatch(/redacted/i);
    expect(existsSync(join(dir, '.gitignore'))).toBe(true);
  });

  it('skips torn and foreign lines when reading', () => {
    const dir = tempDir('hh-ledger-');
    writeFileSync(join(dir, 'ledger.jsonl'), `${JSON.stringify(record(1))}\n{"v":1,"hook":"pre-com\nnot json\n{"v":2,"hook":"x"}\n${JSON.stringify(record(2))}\n`);
    expect(readLedger(dir).map((r) => r.id)).toEqual(['id-1', 'id-2']);
  });

  it('recordsForCommit matches by change hash and head, not just the latest run', () => {
    const recs = [
      record(1, { changeHash: 'A', repo: { root: '/r', head: 'h0', linkedWorktree: false } }),
      record(2, { changeHash: 'B', repo: { root: '/r', head: 'h1', linkedWorktree: false } }),
      record(3, { changeHash: 'C', repo: { root: '/other', head: 'h1', linkedWorktree: true } }),
    ];
    expect(recordsForCommit(recs, { changeHash: 'B', root: '/r', head: 'h1' }).preCommit?.id).toBe('id-2');
    expect(recordsForCommit(recs, { changeHash: 'A', root: '/r', head: 'h1' }).preCommit).toBeUndefined();
    expect(recordsForCommit(recs, { changeHash: 'C', root: '/r', head: 'h1' }).preCommit).toBeUndefined();
  });
});

describe('redacting a record', () => {
  it('redacts each string inside finding data (quotes are not JSON-escaped first, and masking cannot break the JSON)', async () => {
    const { redactRecord } = await import('../../src/handoff/ledger.js');
    const { redact } = await import('../../src/handoff/redact.js');
    const { crcToken, rnd, B64 } = await import('../../src/secrets/kit.js');
    const pw = 'Zq8kP2mVx9LwQ7rT';
    const gh = crcToken('ghp_', 'ledger-leaf');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${Array.from({ length: 6 }, (_, i) => rnd(B64, 64, `lk${i}`)).join('\n')}\n-----END RSA PRIVATE KEY-----`;
    const record = {
      findings: [{ policy: 'x', severity: 'error', message: 'm', waivable: false, data: { header: `add db password="${pw}"`, nested: [{ key: pem }, { n: 3, t: gh }] } }],
      commands: [],
      waivers: [],
      policies: [],
    } as never;
    const safe = redactRecord(record, redact) as { findings: Array<{ data: { nested: Array<Record<string, unknown>> } }> };
    const text = JSON.stringify(safe);
    expect(text).not.toContain(pw);
    expect(text).not.toContain(gh);
    expect(text).not.toContain(rnd(B64, 64, 'lk2'));
    expect(safe.findings[0]!.data.nested[1]!.n).toBe(3); // non-strings are kept as they are
  });
});

describe('redactorFor (only the rules the given texts need)', () => {
  it('masks secrets in the texts it was built for, and withholds a text that needs rules it did not load', async () => {
    const { redactorFor } = await import('../../src/handoff/redactor.js');
    const { crcToken, rnd, B62 } = await import('../../src/secrets/kit.js');
    const gh = crcToken('ghp_', 'redactor-for');
    const stripe = `sk_live_${rnd(B62, 24, 'redactor-for')}`;
    const given = `lint failed: token ${gh} rejected`;
    const redact = await redactorFor([given, 'plain words only']);
    expect(redact(given)).not.toContain(gh);
    expect(redact(given)).toContain('lint failed');
    expect(redact('plain words only')).toBe('plain words only');
    // Another text whose keywords the loaded rules do not cover is not shown at all.
    const other = `key: ${stripe}`;
    const out = redact(other);
    expect(out).not.toContain(stripe);
    expect(out).toMatch(/withheld/);
  });
});
