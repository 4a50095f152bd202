/**
 * The one waiver mechanism, through real `git commit`: a Harness-Waive trailer clears a waivable
 * finding (held from pre-commit until commit-msg), HARNESS_WAIVE does too, a reason is required,
 * non-waivable findings stay blocked, and every waiver is recorded in the ledger.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

function setup(): Repo {
  const repo = makeRepo();
  expect(repo.cli(['init', '--no-install']).status).toBe(0);
  repo.write('.harnessrc.json', JSON.stringify({ policies: { paths: { enabled: true, protected: ['migrations/**'] } } }));
  repo.git(['add', '.harnessrc.json']);
  repo.git(['commit', '-q', '-m', 'config']);
  return repo;
}

function ledger(repo: Repo): any[] {
  return readFileSync(join(repo.dir, '.harness', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('waivers through git', () => {
  it('a protected path blocks at commit-msg unless the message carries a Harness-Waive trailer', () => {
    const repo = setup();
    repo.write('migrations/001_users.sql', 'create table users(id int);\n');
    repo.git(['add', 'migrations']);
    const blocked = repo.tryGit(['commit', '-m', 'feat: users table']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('a waiver in the commit message');
    expect(blocked.stderr).toMatch(/harness-hooks commit-msg: blocked/);
    expect(blocked.stderr).toContain('Harness-Waive: paths: <reason>');
    expect(repo.git(['rev-list', '--count', 'HEAD']).trim()).toBe('2');

    const ok = repo.tryGit(['commit', '-m', 'feat: users table', '-m', 'Harness-Waive: paths: schema change approved by the DBA in #123']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%B'])).toContain('Harness-Waive: paths: schema change approved by the DBA in #123');
    const rec = ledger(repo).filter((r) => r.hook === 'commit-msg').at(-1);
    expect(rec.waivers).toEqual([{ policies: ['paths'], reason: 'schema change approved by the DBA in #123', via: 'trailer' }]);
  });

  it('HARNESS_WAIVE waives at pre-commit, and a reason is required', () => {
    const repo = setup();
    repo.write('migrations/002.sql', 'alter table users add column x int;\n');
    repo.git(['add', 'migrations']);
    const noReason = repo.tryGit(['commit', '-m', 'feat: x'], { env: { HARNESS_WAIVE: 'paths' } });
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toContain('waiver ignored');
    const ok = repo.tryGit(['commit', '-m', 'feat: x'], { env: { HARNESS_WAIVE: 'paths: hotfix for INC-42, reviewed' } });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ledger(repo).some((r) => r.hook === 'pre-commit' && r.waivers.some((w: any) => w.reason === 'hotfix for INC-42, reviewed'))).toBe(true);
  });

  it('a forbidden file cannot be waived', () => {
    const repo = setup();
    repo.write('.env', 'TOKEN=abc\n');
    repo.git(['add', '-f', '.env']);
    const r = repo.tryGit(['commit', '-m', 'oops', '-m', 'Harness-Waive: paths: I know what I am doing'], { env: { HARNESS_WAIVE: 'paths: really sure about this' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('.env');
    expect(r.stderr).toContain('not waivable');
  });

  it('an agent cannot waive when waivers.allowAgents is false', () => {
    const repo = setup();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { paths: { enabled: true, protected: ['migrations/**'] } }, waivers: { allowAgents: false } }));
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'config']);
    repo.write('migrations/003.sql', 'x\n');
    repo.git(['add', 'migrations']);
    const r = repo.tryGit(['commit', '-m', 'feat: y', '-m', 'Harness-Waive: paths: the agent thinks this is fine'], { env: { CLAUDECODE: '1' } });
    expect(r.status).not.toBe(0);
    // Blocked at pre-commit already (no point holding it for a trailer the agent may not use),
    // and the finding does not tell the agent how to waive it.
    expect(r.stderr).toContain('AI agents cannot waive findings here');
    expect(r.stderr).not.toContain('add the trailer "Harness-Waive');
  });
});
