/**
 * Git notes carrying the handoff, pushed at pre-push: two clones that each wrote notes push to the
 * same remote. The second push is rejected by git (the remote's notes moved on); the hook fetches
 * the remote's notes, merges them with its own and pushes again, so no clone's notes are lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { hookedRepo } from './handoff-fixture.js';

afterAll(cleanupAll);

const CONFIG = { policies: { evidence: false }, handoff: { notes: { enabled: true } } };
const NOTES = 'refs/notes/harness';

describe('git notes at pre-push', () => {
  it('two clones with diverging notes: the second push merges the remote notes and pushes both', () => {
    const remote = makeRepo({ bare: true });
    const a = hookedRepo(CONFIG);
    a.git(['remote', 'add', 'origin', remote.dir]);
    const pushedA = a.tryGit(['push', '-q', 'origin', 'HEAD:refs/heads/feature-a']);
    expect(pushedA.status, pushedA.output).toBe(0);

    // Clone B: the same history, its own hooks and its own notes.
    const b = makeRepo({ commit: false });
    b.git(['remote', 'add', 'origin', remote.dir]);
    b.git(['fetch', '-q', 'origin']);
    b.git(['checkout', '-q', '-B', 'work', 'origin/feature-a']);
    const init = b.cli(['init']);
    expect(init.status, init.output).toBe(0);
    b.write('b.txt', 'from b\n');
    b.git(['add', 'b.txt']);
    const cb = b.tryGit(['commit', '-q', '-m', 'feat: b']);
    expect(cb.status, cb.output).toBe(0);
    const shaB = b.git(['rev-parse', 'HEAD']).trim();
    expect(b.git(['notes', `--ref=${NOTES}`, 'show', shaB])).toContain('# Handoff');

    // A moves on and pushes its notes first.
    const ca = a.commit('feat: a', { 'a.txt': 'from a\n' });
    expect(ca.status, ca.output).toBe(0);
    const shaA = a.head();
    const pushedA2 = a.tryGit(['push', '-q', 'origin', 'HEAD:refs/heads/feature-a']);
    expect(pushedA2.status, pushedA2.output).toBe(0);
    expect(remote.git(['notes', `--ref=${NOTES}`, 'list'])).toContain(shaA);

    // B's notes push is rejected at first (not a fast-forward); the hook merges and pushes again.
    const pushedB = b.tryGit(['push', '-q', 'origin', 'HEAD:refs/heads/feature-b']);
    expect(pushedB.status, pushedB.output).toBe(0);
    expect(pushedB.output).not.toMatch(/pushing refs\/notes\/harness failed/);
    const listed = remote.git(['notes', `--ref=${NOTES}`, 'list']);
    expect(listed).toContain(shaA);
    expect(listed).toContain(shaB);
    expect(remote.git(['notes', `--ref=${NOTES}`, 'show', shaB])).toContain('# Handoff');
    // No temporary ref is left behind.
    expect(b.git(['for-each-ref', '--format=%(refname)', 'refs/notes/'])).not.toMatch(/incoming/);
  });

  it('`git push --dry-run` pushes no notes (git runs pre-push for a dry run too)', () => {
    const remote = makeRepo({ bare: true });
    const a = hookedRepo(CONFIG);
    a.git(['remote', 'add', 'origin', remote.dir]);
    expect(a.git(['notes', `--ref=${NOTES}`, 'list']).trim()).not.toBe('');
    const dry = a.tryGit(['push', '--dry-run', 'origin', 'HEAD:refs/heads/feature-a']);
    expect(dry.status, dry.output).toBe(0);
    expect(remote.git(['for-each-ref', '--format=%(refname)'])).toBe('');
    const real = a.tryGit(['push', '-q', 'origin', 'HEAD:refs/heads/feature-a']);
    expect(real.status, real.output).toBe(0);
    expect(remote.git(['notes', `--ref=${NOTES}`, 'list'])).toContain(a.head());
  });

  it('a short notes ref ("handoffs") is written and pushed as refs/notes/handoffs', () => {
    const remote = makeRepo({ bare: true });
    const a = hookedRepo({ policies: { evidence: false }, handoff: { notes: { enabled: true, ref: 'handoffs' } } });
    a.git(['remote', 'add', 'origin', remote.dir]);
    expect(a.git(['notes', '--ref=handoffs', 'list']).trim()).not.toBe('');
    const pushed = a.tryGit(['push', '-q', 'origin', 'HEAD:refs/heads/feature-a']);
    expect(pushed.status, pushed.output).toBe(0);
    expect(remote.git(['for-each-ref', '--format=%(refname)', 'refs/notes/'])).toContain('refs/notes/handoffs');
    expect(remote.git(['notes', '--ref=handoffs', 'list'])).toContain(a.head());
  });
});
