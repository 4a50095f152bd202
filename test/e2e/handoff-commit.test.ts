/**
 * The post-commit handoff, end to end through the installed hooks: every section filled from facts,
 * a --no-verify commit says plainly that the checks did not run, notes travel with the next commit,
 * and two worktrees committing at the same moment each get their own correct ledger and handoff.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, tempDir } from '../helpers/repo.js';
import { hookedRepo, verifyJson } from './handoff-fixture.js';

afterAll(cleanupAll);

describe('handoff at post-commit', () => {
  it('a normal commit: every section comes from facts', () => {
    const r = hookedRepo();
    r.write('package.json', JSON.stringify({ name: 'x', dependencies: { zod: '^4.0.0' } }, null, 2) + '\n');
    r.write('test/old.test.ts', "import { it } from 'vitest';\nit('works', () => {});\n");
    r.write('src/db/migrations/001_init.sql', 'create table t (id int);\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--no-verify', '-m', 'chore: scaffold']);
    expect(r.cli(['note', 'Assumed the API returns UTC timestamps; not verified.']).status).toBe(0);
    expect(r.cli(['note', 'Open question: keep invoices of deleted users?']).status).toBe(0);
    r.git(['rm', '-q', 'test/old.test.ts']);
    r.write('package.json', JSON.stringify({ name: 'x', dependencies: { zod: '^4.0.0', 'left-pad': '^1.3.0' } }, null, 2) + '\n');
    r.write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    r.write('src/db/migrations/002_users.sql', 'create table users (id int);\n');
    r.write('src/big.ts', Array.from({ length: 240 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
    r.write('src/config.ts', 'export const endpoint = "https://example.test"; // harness:allow (not a secret)\n');
    r.write('notes.txt', 'one\ntwo\n');
    r.git(['add', '-A']);
    const c = r.tryGit(['commit', '-q', '-m', 'feat: users table'], { env: { CLAUDECODE: '1' } });
    expect(c.status, c.output).toBe(0);
    const sha = r.head();
    const md = r.handoff();
    const perCommit = readFileSync(join(r.dir, '.harness', 'handoff', `${sha.slice(0, 12)}.md`), 'utf8');
    expect(perCommit).toBe(md);
    // header facts
    expect(md).toContain(`# Handoff ${sha.slice(0, 12)}: feat: users table`);
    expect(md).toContain(`| Commit | \`${sha}\` |`);
    expect(md).toContain('| Branch | `main` |');
    expect(md).toContain(`| Worktree | \`${r.dir}\` (main worktree) |`);
    expect(md).toContain('| Author | Test User <test@example.com> |');
    expect(md).toMatch(/\| Made by an AI agent \| yes: claude-code \(detected via CLAUDECODE\) \|/);
    expect(md).toMatch(/\| Evidence \| valid: /);
    // files with counts
    expect(md).toMatch(/## Files changed \(7 files, \+2\d\d −\d+\)/);
    expect(md).toContain('| `src/big.ts` | added | 240 | 0 |');
    expect(md).toContain('| `test/old.test.ts` | deleted | 0 | 2 |');
    // checks: the policies that ran at pre-commit and commit-msg, with outcome and duration
    expect(md).toMatch(/\| pre-commit \| commands \| passed \| \d+ (ms|s) \| 0 \|/);
    expect(md).toMatch(/\| commit-msg \| .* \| passed \|/);
    // commands with exit code and duration
    expect(md).toMatch(/- `lint-staged \(\*\.txt\)` \(commands\): exit 0 in \d+/);
    // notes left since the last commit
    expect(md).toContain('Assumed the API returns UTC timestamps; not verified.');
    expect(md).toContain('Open question: keep invoices of deleted users?');
    // look twice, from facts
    const look = md.slice(md.indexOf('## Look twice'));
    expect(look).toMatch(/\*\*test-deleted\*\* `test\/old\.test\.ts`/);
    expect(look).toMatch(/\*\*ci-file\*\* `\.github\/workflows\/ci\.yml`/);
    expect(look).toMatch(/\*\*migration\*\* `src\/db\/migrations\/002_users\.sql`/);
    expect(look).toMatch(/\*\*dependency-file\*\* `package\.json`/);
    expect(look).toContain('new dependencies: left-pad@^1.3.0');
    expect(look).not.toContain('zod@');
    expect(look).toMatch(/\*\*large-hunk\*\* `src\/big\.ts:1`: 240 lines added in one hunk/);
    expect(look).toMatch(/\*\*secret-ignore\*\* `src\/config\.ts:1`/);
    // notes were consumed: the next commit does not repeat them
    r.commit('feat: more', { 'more.txt': 'x\n' });
    expect(r.handoff()).not.toContain('Assumed the API');
    expect(r.handoff()).toContain('No notes were left for this commit');
    // the JSON twin carries the same facts
    const json = JSON.parse(readFileSync(join(r.dir, '.harness', 'handoff', `${sha.slice(0, 12)}.json`), 'utf8'));
    expect(json.v).toBe(1);
    expect(json.agent).toMatchObject({ isAgent: true, name: 'claude-code' });
    expect(json.runs.map((x: any) => x.hook)).toEqual(['pre-commit', 'commit-msg']);
    // .harness stays out of git
    expect(r.git(['status', '--porcelain'])).toBe('');
  });

  it('skips are listed under waivers/skips and in look twice', () => {
    const r = hookedRepo();
    expect(r.commit('feat: skip lint', { 'a.txt': 'a\n' }, [], { HARNESS_SKIP: 'commands' }).status).toBe(0);
    const md = r.handoff();
    expect(md).toContain('- skipped with HARNESS_SKIP: commands');
    expect(md).toMatch(/\*\*hooks-skipped\*\*: pre-commit: HARNESS_SKIP skipped commands/);
    expect(r.message()).toMatch(/ s=commands /);
    const v = verifyJson(r, `${r.base}..HEAD`, ['--evidence-only']);
    expect(v.json.commits[1].skipped).toEqual(['commands']);
  });

  it('an amend through the hooks shows its own checks; an amend with --no-verify does not borrow them', () => {
    const r = hookedRepo();
    r.commit('feat: a', { 'a.txt': 'a\n' });
    r.write('a.txt', 'a\nb\n');
    r.git(['add', 'a.txt']);
    expect(r.tryGit(['commit', '-q', '--amend', '--no-edit']).status).toBe(0);
    let md = r.handoff();
    expect(md).toContain(r.head());
    expect(md).toMatch(/\| pre-commit \| commands \| passed/);
    expect(md).toMatch(/\| Evidence \| valid/);
    r.write('a.txt', 'a\nb\nc\n');
    r.git(['add', 'a.txt']);
    expect(r.tryGit(['commit', '-q', '--amend', '--no-edit', '--no-verify']).status).toBe(0);
    md = r.handoff();
    expect(md).toMatch(/\| Evidence \| INVALID \(stale\)/);
    expect(md).not.toMatch(/\| pre-commit \| commands \| passed/);
    expect(md).toContain('The checks did not run for this commit.');
  });

  it('a missing pre-commit hook shows up: commit-msg ran alone', () => {
    const r = hookedRepo();
    const hook = join(r.git(['rev-parse', '--git-path', 'hooks']).trim(), 'pre-commit');
    rmSync(join(r.dir, hook), { force: true });
    expect(r.commit('feat: half-checked', { 'h.txt': 'h\n' }).status).toBe(0);
    expect(r.message()).toMatch(/r=pre:none,msg:passed/);
    expect(r.handoff()).toMatch(/\*\*hooks-skipped\*\*: commit-msg ran but no pre-commit run was recorded/);
  });

  it('a --no-verify commit still gets its handoff, which says the checks did not run', () => {
    const r = hookedRepo();
    r.commit('feat: checked', { 'a.txt': 'a\n' });
    expect(r.commit('feat: unchecked', { 'b.txt': 'b\n' }, ['--no-verify']).status).toBe(0);
    const md = r.handoff();
    expect(md).toContain('# Handoff');
    expect(md).toContain('feat: unchecked');
    expect(md).toContain('**The checks did not run for this commit.**');
    expect(md).toMatch(/\| Evidence \| MISSING: /);
    expect(md).toContain('**No policy ran at pre-commit or commit-msg for this commit.**');
    expect(md).toMatch(/\*\*checks-not-run\*\*/);
    // the earlier (checked) commit's records are not borrowed
    expect(md).not.toMatch(/\| pre-commit \| commands \|/);
  });

  it('two worktrees committing at the same moment both get correct ledger records and handoffs', async () => {
    const r = hookedRepo();
    const wt = join(tempDir('hh-wt-'), 'second');
    r.git(['worktree', 'add', '-q', '-b', 'second', wt]);
    const commitIn = (cwd: string, file: string) =>
      new Promise<number>((resolve) => {
        const p = spawn('sh', ['-c', `printf 'x\\n' > ${file} && git add ${file} && git commit -q -m "feat: ${file}"`], { cwd, env: r.env, stdio: 'ignore' });
        p.on('close', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([commitIn(r.dir, 'main-side.txt'), commitIn(wt, 'wt-side.txt')]);
    expect(codes).toEqual([0, 0]);
    for (const [root, file, branch] of [
      [r.dir, 'main-side.txt', 'main'],
      [wt, 'wt-side.txt', 'second'],
    ] as const) {
      const head = r.git(['rev-parse', 'HEAD'], { cwd: root }).trim();
      const ledger = readFileSync(join(root, '.harness', 'ledger.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const last2 = ledger.slice(-2);
      expect(last2.map((x: any) => x.hook)).toEqual(['pre-commit', 'commit-msg']);
      for (const rec of last2) {
        expect(rec.v).toBe(1);
        expect(rec.repo.root).toBe(root);
        expect(rec.repo.branch).toBe(branch);
        expect(rec.outcome).toBe('passed');
      }
      expect(last2[0].changeHash).toBe(last2[1].changeHash);
      const md = readFileSync(join(root, '.harness', 'HANDOFF.md'), 'utf8');
      expect(md).toContain(head);
      expect(md).toContain(`\`${file}\``);
      expect(md).toMatch(/\| pre-commit \| commands \| passed/);
      expect(r.git(['log', '-1', '--format=%B'], { cwd: root })).toMatch(/Harness-Evidence: v1 /);
    }
    expect(existsSync(join(wt, '.harness', 'handoff'))).toBe(true);
    expect(readdirSync(join(wt, '.harness', 'handoff')).some((f) => f.endsWith('.md'))).toBe(true);
    expect(verifyJson(r, `${r.base}..second`).status).toBe(0);
  });

  it('handoff --range aggregates a branch into a PR description (md and json)', () => {
    const r = hookedRepo();
    r.git(['checkout', '-q', '-b', 'topic']);
    r.cli(['note', 'Assumption: retries are idempotent.']);
    r.commit('feat: retries', { 'retry.txt': 'r\n' });
    r.commit('feat: sneaky', { 'sneaky.txt': 's\n' }, ['--no-verify']);
    const sneaky = r.head();
    const md = r.cli(['handoff', '--range', 'main..topic']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# Handoff: topic');
    expect(md.stdout).toContain('2 commits (main..topic)');
    expect(md.stdout).toContain(`1 commit without valid evidence that the checks ran:** \`${sneaky.slice(0, 12)}\` (missing)`);
    expect(md.stdout).toMatch(/## Summary of changes\n\n- `[0-9a-f]{12}` feat: retries/);
    expect(md.stdout).toMatch(/\| valid: the checks ran on exactly this change \| passed \(\d+ (ms|s)\) \| passed/);
    expect(md.stdout).toContain('Assumption: retries are idempotent.');
    expect(md.stdout).toMatch(/`lint-staged \(\*\.txt\)` \(commands\): exit 0/);
    const json = JSON.parse(r.cli(['handoff', '--range', 'main..topic', '--format', 'json']).stdout);
    expect(json.evidence.invalid.map((e: any) => e.sha)).toEqual([sneaky]);
    expect(json.commits).toHaveLength(2);
    expect(json.totals.files).toBe(2);
    expect(r.cli(['handoff', '--range', 'main..topic', '--format', 'pdf']).status).toBe(2);
  });

  it('note and handoff: clear usage errors, never a stack trace', () => {
    const r = hookedRepo();
    const empty = r.cli(['note']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/give the note text/);
    const list = r.cli(['note', '--list']);
    expect(list.stdout).toContain('No notes waiting');
    const noBase = r.cli(['handoff']); // no --range, no upstream, no origin
    expect(noBase.status).toBe(2);
    expect(noBase.stderr).toMatch(/--range/);
    expect(noBase.stderr).not.toMatch(/\n\s+at /);
    const v = r.cli(['verify']);
    expect(v.status).toBe(2);
  });

  it('each part can be turned off: handoff files, ledger, evidence trailer', () => {
    const r = hookedRepo({ handoff: { enabled: false, ledger: { enabled: false }, evidence: false }, policies: { evidence: true } });
    expect(r.commit('feat: quiet', { 'q.txt': 'q\n' }).status).toBe(0);
    expect(r.message()).not.toMatch(/Harness-Evidence/);
    expect(existsSync(join(r.dir, '.harness', 'HANDOFF.md'))).toBe(false);
    expect(r.ledger()).toEqual([]);
  });

  it('a real waiver (Harness-Waive trailer on the size policy) is in the handoff, the trailer and verify', () => {
    const r = hookedRepo({ policies: { evidence: true, size: { enabled: true, maxFiles: 1 } } });
    const msg = 'feat: two files at once\n\nHarness-Waive: size: generated fixtures, reviewed by hand\n';
    const c = r.commit(msg, { 'one.txt': '1\n', 'two.txt': '2\n' });
    expect(c.status, c.output).toBe(0);
    expect(r.message()).toMatch(/Harness-Evidence: v1 .* w=size /);
    const md = r.handoff();
    expect(md).toMatch(/\*\*size\*\* waived via Harness-Waive trailer: generated fixtures, reviewed by hand/);
    expect(md).toMatch(/\*\*policy-waived\*\*: commit-msg: size waived \(trailer\): generated fixtures, reviewed by hand/);
    expect(md).toMatch(/\| pre-commit \| size \| pending \|/);
    expect(md).toMatch(/pre-commit · \*\*size\/commit\*\* \(error, deferred to commit-msg for a waiver\)/);
    expect(md).toMatch(/commit-msg · \*\*size\/commit\*\* \(error, waived: generated fixtures, reviewed by hand\)/);
    const v = verifyJson(r, `${r.base}..HEAD`, ['--evidence-only']);
    expect(v.json.commits[1]).toMatchObject({ evidence: 'valid', waived: ['size'] });
  });

  it('a test command run at pre-commit: exit code, duration and the last lines of its output', () => {
    const cmd = `node -e "for (let i = 1; i <= 40; i++) console.log('test ' + i + ' ok'); console.log('40 tests passed')"`;
    const r = hookedRepo({ policies: { evidence: true, tests: { enabled: true, requireTests: false, command: cmd, commandHook: 'pre-commit' } } });
    expect(r.commit('feat: tested', { 'src/t.txt': 't\n' }).status).toBe(0);
    const md = r.handoff();
    expect(md).toMatch(/\| pre-commit \| tests \| passed \|/);
    expect(md).toMatch(/\(tests\): exit 0 in \d+/);
    expect(md).toContain('test 40 ok\n40 tests passed');
    expect(md).not.toContain('test 20 ok'); // only the last handoff.outputTailLines (15) lines
  });
});

