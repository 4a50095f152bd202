/**
 * Evidence end to end, through the installed hooks and the CLI, in real repos: the commit-msg hook
 * adds Harness-Evidence; verify and pre-push flag --no-verify commits and amends after the checks;
 * clean rebases, cherry-picks and clean merges are not flagged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { hookedRepo, verifyJson } from './handoff-fixture.js';

afterAll(cleanupAll);

const evidenceOf = (json: any, sha: string) => json.commits.find((c: any) => c.sha === sha)?.evidence;

describe('evidence trailer and verify', () => {
  it('an honest commit gets a trailer and verifies; its config commit too', () => {
    const r = hookedRepo();
    expect(r.commit('feat: add a', { 'a.txt': 'one\n' }).status).toBe(0);
    const msg = r.message();
    expect(msg).toMatch(/^Harness-Evidence: v1 p=[0-9a-f]{16} a=(-|[0-9a-f]{16}) c=[0-9a-f]{12} r=pre:passed,msg:passed w=- s=- k=[0-9a-f]{12}$/m);
    const { status, json } = verifyJson(r, `${r.base}..HEAD`);
    expect(json.commits).toHaveLength(2);
    expect(json.commits.map((c: any) => c.evidence)).toEqual(['valid', 'valid']);
    expect(json.withoutEvidence).toEqual([]);
    expect(status).toBe(0);
  });

  it('a --no-verify commit has no trailer and is flagged by verify (exit 1, text names the commit)', () => {
    const r = hookedRepo();
    r.commit('feat: checked', { 'a.txt': 'one\n' });
    expect(r.commit('feat: unchecked', { 'b.txt': 'two\n' }, ['--no-verify']).status).toBe(0);
    const bad = r.head();
    expect(r.message()).not.toMatch(/Harness-Evidence/);
    const { status, json } = verifyJson(r, `${r.base}..HEAD`);
    expect(status).toBe(1);
    expect(json.withoutEvidence).toEqual([bad]);
    expect(evidenceOf(json, bad)).toBe('missing');
    const text = r.cli(['verify', '--range', `${r.base}..HEAD`]);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(bad.slice(0, 12));
    expect(text.stderr).toMatch(/--no-verify/);
  });

  it('pre-push blocks a --no-verify commit, and lets the push through once it is re-checked', () => {
    const r = hookedRepo();
    const remote = makeRepo({ bare: true, commit: false });
    r.git(['remote', 'add', 'origin', remote.dir]);
    r.git(['push', '-q', '--no-verify', 'origin', `${r.base}:refs/heads/main`]);
    r.git(['fetch', '-q', 'origin']);
    r.commit('feat: unchecked', { 'b.txt': 'two\n' }, ['--no-verify']);
    const bad = r.head();
    const push = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/evidence\/missing/);
    expect(push.stderr).toContain(bad.slice(0, 12));
    expect(remote.git(['rev-parse', 'main']).trim()).toBe(r.base);
    // Re-run the checks on the last commit: amend with the hooks.
    expect(r.tryGit(['commit', '-q', '--amend', '--no-edit']).status).toBe(0);
    expect(r.message()).toMatch(/Harness-Evidence: v1 /);
    const ok = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(ok.stderr).not.toMatch(/blocked/);
    expect(ok.status).toBe(0);
  });

  it('an amend with --no-verify that changes the content is stale; an amend with the hooks is valid', () => {
    const r = hookedRepo();
    r.commit('feat: a', { 'a.txt': 'one\n' });
    r.write('a.txt', 'one\nsneaked in after the checks\n');
    r.git(['add', 'a.txt']);
    expect(r.tryGit(['commit', '-q', '--amend', '--no-edit', '--no-verify']).status).toBe(0);
    const stale = r.head();
    expect(r.message()).toMatch(/Harness-Evidence/); // the old trailer is still there ...
    let v = verifyJson(r, `${r.base}..HEAD`);
    expect(evidenceOf(v.json, stale)).toBe('stale'); // ... but it is for another change
    expect(v.status).toBe(1);
    // Amending through the hooks again re-attests the whole commit (diff against its parent).
    r.write('a.txt', 'one\nchecked this time\n');
    r.git(['add', 'a.txt']);
    expect(r.tryGit(['commit', '-q', '--amend', '--no-edit']).status).toBe(0);
    expect(r.message().match(/Harness-Evidence/g)).toHaveLength(1);
    v = verifyJson(r, `${r.base}..HEAD`);
    expect(evidenceOf(v.json, r.head())).toBe('valid');
    expect(v.status).toBe(0);
  });

  it('rewording a commit with --no-verify keeps it valid (the change is the one that was checked)', () => {
    const r = hookedRepo();
    r.commit('feat: a', { 'a.txt': 'one\n' });
    const msg = r.message().replace('feat: a', 'feat: a, better words');
    expect(r.tryGit(['commit', '-q', '--amend', '--no-verify', '-m', msg]).status).toBe(0);
    expect(verifyJson(r, `${r.base}..HEAD`).status).toBe(0);
  });

  it('a clean rebase and a cherry-pick keep evidence valid; a rebase that resolves a conflict is flagged', () => {
    const r = hookedRepo();
    const fork = r.head();
    r.git(['checkout', '-q', '-b', 'topic']);
    r.commit('feat: topic 1', { 't1.txt': 'topic one\n' });
    r.commit('feat: topic 2', { 't2.txt': 'topic two\nline\n' });
    r.git(['checkout', '-q', 'main']);
    r.commit('feat: main moves on', { 'm.txt': 'main\n' });
    r.git(['checkout', '-q', 'topic']);
    expect(r.tryGit(['rebase', '-q', 'main']).status).toBe(0);
    // git runs post-commit for replayed commits: their handoff must not claim the checks did not run
    expect(r.handoff()).not.toContain('The checks did not run');
    let v = verifyJson(r, `${fork}..HEAD`);
    expect(v.json.commits.map((c: any) => c.evidence)).toEqual(['valid', 'valid', 'valid']);
    expect(v.status).toBe(0);
    // cherry-pick onto another branch
    r.git(['checkout', '-q', '-b', 'picked', fork]);
    expect(r.tryGit(['cherry-pick', 'topic~1']).status).toBe(0);
    expect(verifyJson(r, `${fork}..HEAD`).json.commits[0].evidence).toBe('valid');
    // A conflicting rebase: the resolution is a change nobody checked.
    r.git(['checkout', '-q', '-b', 'conflict', fork]);
    r.commit('feat: edit t2', { 't2.txt': 'other content\n' });
    const c = r.tryGit(['rebase', '-q', 'topic']);
    expect(c.status).not.toBe(0);
    r.write('t2.txt', 'resolved by hand\n');
    r.git(['add', 't2.txt']);
    expect(r.tryGit(['-c', 'core.editor=true', 'rebase', '--continue']).status).toBe(0);
    v = verifyJson(r, `topic..HEAD`);
    expect(v.json.commits[0].evidence).toBe('stale');
  });

  it('squashing a checked commit into the one below it (rebase -i squash) stays valid', () => {
    const r = hookedRepo();
    const fork = r.head();
    r.commit('feat: part 1', { 'p.txt': 'one\n' });
    r.commit('feat: part 2', { 'p.txt': 'one\ntwo\n', 'q.txt': 'q\n' });
    const sq = r.tryGit(['rebase', '-q', '-i', fork], { env: { GIT_SEQUENCE_EDITOR: "sed -i -e '2s/^pick/squash/'", GIT_EDITOR: 'true' } });
    expect(sq.status, sq.output).toBe(0);
    expect(r.git(['rev-list', '--count', `${fork}..HEAD`]).trim()).toBe('1');
    const v = verifyJson(r, `${fork}..HEAD`, ['--evidence-only']);
    expect(v.json.commits[0].evidence).toBe('valid');
  });

  it('merges: a clean merge needs no evidence, a merge through the hooks has it, a hand-edited merge without it is flagged', () => {
    const r = hookedRepo();
    const fork = r.head();
    r.git(['checkout', '-q', '-b', 'side']);
    r.commit('feat: side', { 's.txt': 'side\n' });
    r.git(['checkout', '-q', 'main']);
    r.commit('feat: main', { 'm.txt': 'main\n' });
    // Merge made without the hooks (as a web UI or `git pull` elsewhere would): clean, so accepted.
    expect(r.tryGit(['merge', '-q', '--no-verify', '--no-ff', '-m', 'Merge side', 'side']).status).toBe(0);
    let v = verifyJson(r, `${fork}..HEAD`);
    const merge = r.head();
    expect(evidenceOf(v.json, merge)).toBe('clean-merge');
    expect(v.status).toBe(0);
    // Merge through the hooks: pre-merge-commit runs the pre-commit policies, commit-msg adds evidence.
    r.git(['reset', '-q', '--hard', 'HEAD~1']);
    expect(r.tryGit(['merge', '-q', '--no-ff', '-m', 'Merge side', 'side']).status).toBe(0);
    expect(r.message()).toMatch(/Harness-Evidence: v1 .*r=pre:passed,msg:passed/);
    v = verifyJson(r, `${fork}..HEAD`);
    expect(evidenceOf(v.json, r.head())).toBe('valid');
    // An "evil" merge: extra edits slipped into the merge commit with --no-verify.
    r.git(['reset', '-q', '--hard', 'HEAD~1']);
    r.git(['merge', '-q', '--no-commit', '--no-ff', 'side']);
    r.write('m.txt', 'main, edited inside the merge\n');
    r.git(['add', 'm.txt']);
    expect(r.tryGit(['commit', '-q', '--no-verify', '-m', 'Merge side (edited)']).status).toBe(0);
    v = verifyJson(r, `${fork}..HEAD`);
    expect(evidenceOf(v.json, r.head())).toBe('missing');
    expect(v.status).toBe(1);
  });

  it('a hand-edited trailer is malformed; HARNESS_EMERGENCY commits get no evidence', () => {
    const r = hookedRepo();
    r.commit('feat: a', { 'a.txt': 'one\n' });
    const edited = r.message().replace(/ w=- /, ' w=secrets ');
    r.git(['commit', '-q', '--amend', '--no-verify', '-m', edited]);
    expect(evidenceOf(verifyJson(r, `${r.base}..HEAD`).json, r.head())).toBe('malformed');
    r.commit('feat: b', { 'b.txt': 'b\n' }, [], { HARNESS_EMERGENCY: 'prod is down, fixing forward' });
    expect(r.message()).not.toMatch(/Harness-Evidence/);
    expect(evidenceOf(verifyJson(r, `${r.base}..HEAD`).json, r.head())).toBe('missing');
  });

  it('commits made before harness-hooks was adopted are not flagged; later --no-verify commits are', () => {
    const r = hookedRepo(); // initial commit (no hooks) -> config commit (with hooks)
    // `..HEAD`: every commit not on a remote, here the whole history.
    const v = verifyJson(r, '..HEAD', ['--evidence-only']);
    expect(v.json.commits.map((c: any) => c.evidence)).toEqual(['pre-harness', 'valid']);
    expect(v.status).toBe(0);
    const remote = makeRepo({ bare: true, commit: false });
    r.git(['remote', 'add', 'origin', remote.dir]);
    // First push ever: the remote has nothing, so the whole history is "new".
    const first = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(first.status, first.output).toBe(0);
    r.commit('feat: unchecked', { 'x.txt': 'x\n' }, ['--no-verify']);
    const push = r.tryGit(['push', 'origin', 'HEAD:refs/heads/other']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain(r.head().slice(0, 12));
    expect(push.stderr).not.toContain(r.base.slice(0, 12));
  });

  it('verify: bad input is a usage error (exit 2), not a stack trace', () => {
    const r = hookedRepo();
    const bad = r.cli(['verify', '--range', 'nope..HEAD']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const noRange = r.cli(['verify', '--range', 'HEAD']);
    expect(noRange.status).toBe(2);
  });
});

describe('waiving evidence at pre-push', () => {
  it('HARNESS_WAIVE="evidence: reason" lets the push through and records the waiver with its reason', () => {
    const r = hookedRepo();
    const remote = makeRepo({ bare: true, commit: false });
    r.git(['remote', 'add', 'origin', remote.dir]);
    r.git(['push', '-q', 'origin', 'HEAD:refs/heads/main']);
    r.commit('feat: hotfix', { 'h.txt': 'h\n' }, ['--no-verify']);
    const push = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main'], { env: { HARNESS_WAIVE: 'evidence: hotfix pushed from the incident laptop' } });
    expect(push.status, push.output).toBe(0);
    expect(push.stderr).toMatch(/waived/);
    const rec = r.ledger().filter((x) => x.hook === 'pre-push').pop();
    expect(rec.waivers).toEqual([{ policies: ['evidence'], reason: 'hotfix pushed from the incident laptop', via: 'env' }]);
    expect(rec.policies).toEqual([expect.objectContaining({ id: 'evidence', status: 'waived' })]);
    // CI still sees it: the commit itself has no evidence.
    expect(verifyJson(r, `${r.base}..HEAD`).status).toBe(1);
  });
});

describe('evidence policy config', () => {
  it('`since` exempts a commit and its ancestors; a `since` that is not a commit is a clear error', () => {
    const r = hookedRepo();
    const remote = makeRepo({ bare: true, commit: false });
    r.git(['remote', 'add', 'origin', remote.dir]);
    r.git(['push', '-q', 'origin', 'HEAD:refs/heads/main']);
    r.commit('chore: imported history', { 'old.txt': 'old\n' }, ['--no-verify']);
    const imported = r.head();
    r.commit('feat: new work', { 'new.txt': 'new\n' });
    const cfg = (since: string) =>
      JSON.stringify({ policies: { evidence: { enabled: true, since }, commands: { enabled: false } } }, null, 2) + '\n';
    // The config change itself is committed with the hooks.
    expect(r.commit('chore: exempt imported history', { '.harnessrc.json': cfg(imported) }).status).toBe(0);
    const ok = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(ok.status, ok.output).toBe(0);
    r.commit('feat: more', { 'more.txt': 'm\n' }, ['--no-verify']);
    const bad = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(r.head().slice(0, 12));
    r.write('.harnessrc.json', cfg('no-such-tag'));
    const conf = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(conf.status).not.toBe(0);
    expect(conf.stderr).toMatch(/evidence\/config[\s\S]*"no-such-tag", which is not a commit/);
  });
});

describe('pre-harness history, many commits', () => {
  it('marks every ancestor of the config-adding commit as pre-harness, and nothing after it', () => {
    const r = makeRepo();
    for (let i = 0; i < 12; i++) {
      r.write(`old${i}.txt`, `${i}\n`);
      r.git(['add', '-A']);
      r.git(['commit', '-q', '-m', `old ${i}`]);
    }
    r.write('.harnessrc.json', '{"policies":{"evidence":true}}\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'adopt harness-hooks (made without the hooks)']);
    r.write('late.txt', 'late\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'late']);
    const v = verifyJson(r, '..HEAD', ['--evidence-only']);
    const states = v.json.commits.map((c: any) => c.evidence);
    expect(states.slice(0, 13)).toEqual(Array(13).fill('pre-harness'));
    expect(states.slice(13)).toEqual(['missing', 'missing']);
    expect(v.status).toBe(1);
  });
});

describe('verify fix', () => {
  it('rebases from the parent of the oldest commit without evidence, not onto the range base', () => {
    const r = hookedRepo({ policies: { evidence: false } });
    r.git(['switch', '-qc', 'feature']);
    const good = r.commit('feat: checked', { 'a.txt': 'a\n' });
    expect(good.status, good.output).toBe(0);
    const skipped = r.commit('feat: skipped', { 'b.txt': 'b\n' }, ['--no-verify']);
    expect(skipped.status).toBe(0);
    const badSha = r.head();
    r.git(['switch', '-q', 'main']);
    r.commit('chore: main moves on', { 'c.txt': 'c\n' });
    const v = r.cli(['verify', '--range', 'main..feature']);
    expect(v.status).toBe(1);
    expect(v.output).toContain(`git rebase -x "git commit --amend --no-edit" ${badSha.slice(0, 12)}^`);
  });
});
