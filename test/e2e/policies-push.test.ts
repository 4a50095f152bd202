/** pre-push through real `git push` to a local bare remote: git's stdin ref lines, parsed for real. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, repoWithRemote, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

const setup = repoWithRemote;

function work(repo: Repo, path: string, lines: number) {
  repo.write(path, Array.from({ length: lines }, (_, i) => `${path} ${i}`).join('\n') + '\n');
  repo.git(['add', path]);
  repo.git(['commit', '-qm', `work on ${path}`, '--no-verify']);
}

const push = (repo: Repo, args: string[], env: NodeJS.ProcessEnv = {}) => repo.tryGit(['push', ...args], { env });

describe('branches at pre-push', () => {
  it('new feature branches and tags pass; pushes, force pushes and deletions of main are blocked', () => {
    const { repo, remote } = setup({ policies: { branches: { enabled: true } } });
    repo.git(['switch', '-qc', 'feature']);
    work(repo, 'a.txt', 3);
    const newBranch = push(repo, ['-u', 'origin', 'feature']);
    expect(newBranch.status, newBranch.stderr).toBe(0);
    repo.git(['tag', 'v1']);
    expect(push(repo, ['origin', 'v1']).status).toBe(0);

    const toMain = push(repo, ['origin', 'feature:main']);
    expect(toMain.status).toBe(1);
    expect(toMain.stderr).toContain('branches/push');

    // A rewritten main: the remote sha is no longer an ancestor.
    repo.git(['switch', '-q', 'main']);
    repo.git(['commit', '-q', '--amend', '-m', 'rewritten', '--no-verify']);
    const force = push(repo, ['--force', 'origin', 'main'], { HARNESS_WAIVE: 'branches.push: allowed pushes only, not force' });
    expect(force.status).toBe(1);
    expect(force.stderr).toContain('branches/force-push');

    const del = push(repo, ['origin', '--delete', 'main']);
    expect(del.status).toBe(1);
    expect(del.stderr).toContain('branches/delete');
    // Nothing reached the remote.
    expect(remote.git(['rev-parse', 'main']).trim()).toBe(repo.git(['rev-parse', 'origin/main']).trim());

    // Several refs at once: one bad ref blocks the push, and says which.
    const both = push(repo, ['origin', 'feature:feature', 'HEAD:main', '--force']);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('"main"');
  });
});

describe('size at pre-push', () => {
  it('measures the pushed branch against origin/HEAD and proposes a split; a waiver lets it through', () => {
    const { repo, remote } = setup({ policies: { size: { enabled: true, branch: { maxLines: 100 } } } });
    repo.git(['switch', '-qc', 'big']);
    work(repo, 'api/a.txt', 60);
    work(repo, 'web/b.txt', 50);
    work(repo, 'package-lock.json', 500); // not counted
    const r = push(repo, ['-u', 'origin', 'big']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('size/branch');
    expect(r.stderr).toContain('2 files and 110 lines (limit: 100 lines; 1 excluded file not counted) against origin/main');
    expect(r.stderr).toMatch(/api\/\s+1 file\s+60 lines/);
    const waived = push(repo, ['-u', 'origin', 'big'], { HARNESS_WAIVE: 'size: one feature, reviewed together' });
    expect(waived.status, waived.stderr).toBe(0);
    expect(remote.git(['rev-parse', 'big']).trim()).toBe(repo.git(['rev-parse', 'big']).trim());
  });
});

describe('commit-message at commit-msg', () => {
  it('requires the trailer from agents, and the suggested command fixes it', () => {
    const { repo } = setup({ policies: { 'commit-message': { enabled: true, requireTrailers: ['Assisted-by'] } } });
    repo.write('x.txt', 'x\n');
    repo.git(['add', 'x.txt']);
    const agent = { CLAUDECODE: '1' };
    const r = repo.tryGit(['commit', '-m', 'feat: x'], { env: agent });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('commit-message/trailer');
    const suggested = /`(git commit --cleanup=strip -F \S+ --trailer '[^']+')`/.exec(r.stderr)![1]!;
    const args = suggested.replace(/^git /, '').match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
    const fixed = repo.tryGit(args, { env: agent });
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%B'])).toContain('Assisted-by: claude-code');
    // People are not asked for it.
    repo.write('y.txt', 'y\n');
    repo.git(['add', 'y.txt']);
    expect(repo.tryGit(['commit', '-m', 'feat: y']).status).toBe(0);
  });
});

describe('tests at pre-push', () => {
  it('runs the test command once for a push of several refs, and a failure blocks the push', () => {
    const counter = 'hh-test-runs.txt';
    const cmd = (exit: number) => `node -e "require('fs').appendFileSync('.git/${counter}', 'run\\n'); process.exit(${exit})"`;
    const { repo } = setup({ policies: { tests: { enabled: true, requireTests: false, command: cmd(0) } } });
    repo.git(['switch', '-qc', 'one']);
    work(repo, 'a.txt', 2);
    repo.git(['branch', 'two']);
    const r = push(repo, ['origin', 'one', 'two']);
    expect(r.status, r.stderr).toBe(0);
    expect(repo.read(`.git/${counter}`)).toBe('run\n');
    repo.write('.harnessrc.json', JSON.stringify({ policies: { tests: { enabled: true, requireTests: false, command: cmd(4) } } }) + '\n');
    repo.git(['commit', '-qam', 'failing tests', '--no-verify']);
    const failed = push(repo, ['origin', 'one']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('tests/command');
    expect(failed.stderr).toContain('failed (exit 4');
  });
});

describe('paths: a waiver given at commit time carries to the push', () => {
  it('Harness-Waive trailer at commit-msg clears the protected path at commit and again at push', () => {
    const { repo, remote } = setup({ policies: { paths: { enabled: true, protected: ['migrations/**'] } } });
    repo.git(['switch', '-qc', 'db']);
    repo.write('migrations/001.sql', 'create table a (id int);\n');
    repo.git(['add', 'migrations/001.sql']);
    const blocked = repo.tryGit(['commit', '-m', 'feat: table a']);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('paths/protected migrations/001.sql');
    const ok = repo.tryGit(['commit', '-m', 'feat: table a', '-m', 'Harness-Waive: paths: reviewed by the DBA in #42']);
    expect(ok.status, ok.stderr).toBe(0);
    const pushed = push(repo, ['-u', 'origin', 'db']);
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(pushed.stderr).toContain('reviewed by the DBA in #42');
    expect(remote.git(['rev-parse', 'db']).trim()).toBe(repo.git(['rev-parse', 'db']).trim());
  });
});
