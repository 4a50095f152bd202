/** Fixes found while testing the policies against the ChangeSet reader (src/git). */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet } from '../../src/git/changeset.js';

afterAll(cleanupAll);

describe('staged ChangeSet during a merge conflict', () => {
  it('an unmerged path does not shift the added lines of the files after it', async () => {
    const repo = makeRepo();
    repo.write('c.txt', 'base\n');
    repo.write('z.txt', '1\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base']);
    repo.git(['switch', '-qc', 'f']);
    repo.write('c.txt', 'f\n');
    repo.git(['commit', '-qam', 'f']);
    repo.git(['switch', '-q', 'main']);
    repo.write('c.txt', 'm\n');
    repo.git(['commit', '-qam', 'm']);
    expect(repo.tryGit(['merge', 'f']).status).not.toBe(0); // conflict in c.txt
    repo.write('z.txt', '1\nnew line\n');
    repo.write('a.txt', 'x\n');
    repo.git(['add', 'z.txt', 'a.txt']);
    const change = await stagedChangeSet(await readRepoInfo(repo.dir, repo.env), { env: repo.env });
    const byPath = Object.fromEntries(change.files.map((f) => [f.path, f.addedLines.map((l) => l.text)]));
    expect(byPath).toEqual({ 'a.txt': ['x'], 'c.txt': [], 'z.txt': ['new line'] });
  });
});
