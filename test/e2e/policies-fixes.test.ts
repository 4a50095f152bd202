/** Policy fixes through real git: `git push origin HEAD:main` gets a usable hint; size split fits. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, repoWithRemote } from '../helpers/repo.js';

afterAll(cleanupAll);

function setup(config: object) {
  return repoWithRemote(config).repo;
}

describe('git push origin HEAD:main', () => {
  it('is blocked with a hint that pushes the current branch, not a branch named "head"', () => {
    const repo = setup({ policies: { branches: { enabled: true } } });
    repo.git(['switch', '-qc', 'fix/typo']);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    repo.git(['commit', '-qm', 'typo', '--no-verify']);
    const r = repo.tryGit(['push', 'origin', 'HEAD:main']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('branches/push');
    expect(r.stderr).toContain('git push -u origin HEAD:refs/heads/fix/typo');
    expect(r.stderr).not.toMatch(/refs\/heads\/head\b/);
  });
});

describe('size at pre-commit', () => {
  it('proposes groups that each fit the limit, with singular wording', () => {
    const repo = setup({ policies: { size: { enabled: true, maxLines: 100 } } });
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`).join('\n') + '\n';
    repo.write('packages/a/x.ts', lines(60));
    repo.write('packages/b/y.ts', lines(50));
    repo.write('notes.md', lines(1));
    repo.git(['add', '.']);
    const r = repo.tryGit(['commit', '-m', 'big']);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('(limit: 100 lines)');
    expect(r.output).toMatch(/packages\/a\/\s+1 file \s+60 lines/);
    expect(r.output).toMatch(/notes\.md|top-level files\)\s+1 file \s+1 line\b/);
    expect(r.output).not.toMatch(/packages\/\s+2 files/);
  });
});
