/**
 * The index reader that lets pre-commit skip `git diff --quiet -- <config>`: it may only ever say
 * "clean" when git would; everything else goes to git.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasUnstagedEdits, readIndexEntry } from '../../src/git/index-entry.js';
import { cleanupAll, makeRepo, tempDir, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

function gitSaysClean(repo: Repo, rel: string, env: NodeJS.ProcessEnv = {}) {
  return repo.tryGit(['diff', '--quiet', '--', rel], { env }).status === 0;
}

function ours(repo: Repo, rel: string, env: NodeJS.ProcessEnv = repo.env) {
  const gitDir = join(repo.dir, '.git');
  return hasUnstagedEdits(repo.dir, gitDir, gitDir, rel, env);
}

describe('index entry reader', () => {
  it('finds entries (and their blob ids) exactly as `git ls-files -s` lists them', () => {
    const repo = makeRepo();
    for (const f of ['.harnessrc.json', 'a/b/c.txt', 'package.json', 'z.txt', 'ünï.md']) repo.write(f, `${f}\n`);
    repo.git(['add', '.']);
    for (const line of repo.git(['ls-files', '-s', '-z']).split('\0').filter(Boolean)) {
      const [, , sha, , path] = /^(\d+) ([0-9a-f]+) (\d)\t(.*)$/s.exec(line)!;
      expect(readIndexEntry(join(repo.dir, '.git', 'index'), path!)?.sha, path).toBe(sha);
    }
    expect(readIndexEntry(join(repo.dir, '.git', 'index'), 'missing.json')).toBeNull();
  });

  it('says clean only when git does: clean, edited, racily edited, staged then edited, untracked', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', '{"a":1}\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'cfg']);
    expect(ours(repo, '.harnessrc.json')).toBe(false);
    expect(gitSaysClean(repo, '.harnessrc.json')).toBe(true);
    // Same size, edited: must not be called clean.
    repo.write('.harnessrc.json', '{"a":2}\n');
    expect(ours(repo, '.harnessrc.json')).toBeUndefined();
    expect(gitSaysClean(repo, '.harnessrc.json')).toBe(false);
    // Edited with the old mtime put back (stat looks unchanged): the content hash catches it unless
    // git's racy rule applies; either way never "clean" while git says dirty.
    const idx = join(repo.dir, '.git', 'index');
    repo.git(['add', '.harnessrc.json']);
    const entry = readIndexEntry(idx, '.harnessrc.json')!;
    repo.write('.harnessrc.json', '{"a":3}\n');
    utimesSync(join(repo.dir, '.harnessrc.json'), entry.mtimeSec, entry.mtimeSec);
    expect(gitSaysClean(repo, '.harnessrc.json')).toBe(false);
    expect(ours(repo, '.harnessrc.json')).not.toBe(false);
    expect(ours(repo, 'not-there.json')).toBeUndefined();
  });

  it('leaves autocrlf, index v4 and a temporary GIT_INDEX_FILE to git or agrees with it', () => {
    const repo = makeRepo();
    repo.git(['config', 'core.autocrlf', 'true']);
    writeFileSync(join(repo.dir, 'cfg.json'), '{\r\n"a": 1\r\n}\r\n');
    repo.git(['add', 'cfg.json']);
    const answer = ours(repo, 'cfg.json');
    if (answer === false) expect(gitSaysClean(repo, 'cfg.json')).toBe(true);
    repo.git(['config', 'index.version', '4']);
    repo.git(['update-index', '--index-version', '4']);
    expect(ours(repo, 'cfg.json')).toBeUndefined();
    const other = makeRepo();
    other.write('x.json', '1\n');
    other.git(['add', 'x.json']);
    const tmpIndex = join(tempDir('hh-idx-'), 'index');
    other.git(['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: tmpIndex } });
    // x.json is staged in the real index but not in the temporary one.
    expect(ours(other, 'x.json', { ...other.env, GIT_INDEX_FILE: tmpIndex })).toBeUndefined();
  });
});
