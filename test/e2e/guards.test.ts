/**
 * Guards found missing in review, each through real git:
 *  - a fresh install with no explicit config enforces the recommended preset;
 *  - a commit that edits the config is checked under the config in HEAD (no switching checks off);
 *  - `git merge` commits run the pre-commit policies (pre-merge-commit), without size on the merge;
 *  - init keeps every hook a taken-over core.hooksPath ran, not just the ones it manages.
 */
import { chmodSync, mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

// Built at run time: an AWS access key id shape that is not the documented example.
const AWS = 'AKIA' + 'Q4BNCVXRT7YLM2PD';

function installed(): Repo {
  const repo = makeRepo();
  const r = repo.cli(['init', '--no-install']);
  expect(r.status, r.output).toBe(0);
  repo.git(['checkout', '-q', '-b', 'work']);
  return repo;
}

describe('the recommended preset is real', () => {
  it('with only the config init wrote, a leaked key and a .env file are blocked', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    expect(repo.tryGit(['commit', '-q', '-m', 'chore: harness']).status).toBe(0);
    repo.write('a.txt', `aws_access_key_id = ${AWS}\n`);
    repo.git(['add', 'a.txt']);
    const r = repo.tryGit(['commit', '-m', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('secrets/');
    expect(r.stderr).not.toContain(AWS);
    repo.git(['rm', '-q', '--cached', 'a.txt']);
    repo.write('.env', 'X=1\n');
    repo.git(['add', '.env']);
    const e = repo.tryGit(['commit', '-m', 'x']);
    expect(e.status).not.toBe(0);
    expect(e.stderr).toContain('paths/forbidden');
  });

  it('with no config file at all, the recommended preset applies', () => {
    const repo = installed();
    repo.write('a.txt', `key=${AWS}\n`);
    repo.git(['add', 'a.txt']);
    expect(repo.tryGit(['commit', '-m', 'x']).status).not.toBe(0);
  });
});

describe('a commit cannot switch its own checks off', () => {
  it('turning secrets off in the same commit as a leak: checked under HEAD\'s config', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.write('.harnessrc.json', JSON.stringify({ extends: 'harness-hooks/recommended', policies: { secrets: false } }));
    repo.write('leak.txt', `token ${AWS}\n`);
    repo.git(['add', '.harnessrc.json', 'leak.txt']);
    const r = repo.tryGit(['commit', '-m', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('checked under the config in HEAD');
    expect(r.stderr).toContain('secrets/');
    // Deleting the config does not help either.
    repo.git(['rm', '-q', '--cached', '.harnessrc.json']);
    const d = repo.tryGit(['commit', '-m', 'x']);
    expect(d.status).not.toBe(0);
    // The config change alone goes in, and applies from the next commit.
    repo.git(['reset', '-q']);
    repo.git(['add', '.harnessrc.json']);
    expect(repo.tryGit(['commit', '-m', 'chore: no secrets policy']).status).toBe(0);
    repo.git(['add', 'leak.txt']);
    expect(repo.tryGit(['commit', '-m', 'x']).status).toBe(0);
  });
});

describe('merge commits', () => {
  it('`git merge` runs the pre-commit policies through pre-merge-commit, but not size', () => {
    const repo = installed();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true, size: { enabled: true, maxFiles: 2 } } }));
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.git(['checkout', '-q', '-b', 'topic']);
    for (let i = 0; i < 2; i++) {
      repo.write(`f${i}.txt`, `${i}\n`);
      repo.git(['add', '.']);
      repo.git(['commit', '-q', '-m', `f${i}`]);
    }
    repo.write('f2.txt', '2\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'f2']);
    repo.git(['checkout', '-q', 'work']);
    repo.write('other.txt', 'o\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'other']);
    // 3 files arrive with the merge: over size.maxFiles, but a merge is not judged by size.
    const m = repo.tryGit(['merge', '--no-ff', '--no-edit', 'topic']);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).toContain('harness-hooks pre-commit: passed');
    expect(m.stderr).toContain('not run: size (merge commit');
    expect(m.stderr).not.toContain('HARNESS_SKIP');
    // git runs post-merge (not post-commit) after a merge it made: the merge still gets its handoff.
    const sha = repo.git(['rev-parse', 'HEAD']).trim();
    expect(existsSync(join(repo.dir, '.harness', 'handoff', `${sha.slice(0, 12)}.md`))).toBe(true);
    // A leak on the merged branch is caught when the merge commit is made.
    repo.git(['checkout', '-q', '-b', 'topic2', 'work~1']);
    repo.write('leak.txt', `k=${AWS}\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'leak']);
    repo.git(['checkout', '-q', 'work']);
    const bad = repo.tryGit(['merge', '--no-ff', '--no-edit', 'topic2']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('secrets/');
  });
});

describe('hooks init takes over keep running', () => {
  it('a custom core.hooksPath keeps its prepare-commit-msg and post-checkout, and uninstall restores it', () => {
    const repo = makeRepo();
    mkdirSync(join(repo.dir, '.githooks'));
    for (const h of ['prepare-commit-msg', 'post-checkout', 'pre-commit']) {
      writeFileSync(join(repo.dir, '.githooks', h), `#!/bin/sh\necho ${h}-ran >> "$(git rev-parse --show-toplevel)/hooks.log"\n`);
      chmodSync(join(repo.dir, '.githooks', h), 0o755);
    }
    repo.git(['config', 'core.hooksPath', '.githooks']);
    expect(repo.cli(['init', '--no-install']).status).toBe(0);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status, c.stderr).toBe(0);
    repo.git(['checkout', '-q', '-b', 'other']);
    const log = readFileSync(join(repo.dir, 'hooks.log'), 'utf8');
    expect(log).toContain('pre-commit-ran');
    expect(log).toContain('prepare-commit-msg-ran');
    expect(log).toContain('post-checkout-ran');
    expect(c.stderr).toContain('harness-hooks pre-commit: passed');
    expect(repo.cli(['uninstall']).status).toBe(0);
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.githooks');
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'prepare-commit-msg'))).toBe(false);
  });
});

describe('fixers and partial commits', () => {
  function withFixer(): Repo {
    const repo = makeRepo();
    expect(repo.cli(['init', '--no-install']).status).toBe(0);
    // A "formatter" that rewrites line2 -> LINE2FIXED in the files it is given.
    repo.write('fix.mjs', "import fs from 'node:fs';\nfor (const f of process.argv.slice(2)) fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^line2$/m, 'LINE2FIXED'));\n");
    repo.write('.harnessrc.json', JSON.stringify({ policies: { commands: { enabled: true, tasks: { '*.ts': 'node fix.mjs' } } } }));
    repo.write('a.ts', 'line1\n');
    repo.git(['add', '.']);
    expect(repo.tryGit(['commit', '-q', '-m', 'base']).status).toBe(0);
    repo.write('a.ts', 'line1\nline2\n');
    return repo;
  }

  it.each([
    ['git commit <pathspec>', ['commit', '-m', 'x', 'a.ts']],
    ['git commit -a', ['commit', '-a', '-m', 'x']],
    ['git add + git commit', null],
  ])('%s: the fix is committed, and the index agrees with HEAD afterwards', (_name, args) => {
    const repo = withFixer();
    if (args === null) repo.git(['add', 'a.ts']);
    const r = repo.tryGit(args ?? ['commit', '-m', 'x']);
    expect(r.status, r.stderr).toBe(0);
    expect(repo.git(['show', 'HEAD:a.ts'])).toBe('line1\nLINE2FIXED\n');
    expect(repo.read('a.ts')).toBe('line1\nLINE2FIXED\n');
    expect(repo.git(['diff', '--cached', '--name-only'])).toBe('');
    expect(repo.git(['status', '--porcelain', '--', 'a.ts'])).toBe('');
  });
});

describe('amend', () => {
  it('`git commit --amend` checks the whole amended change, so it cannot launder a --no-verify commit', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.write('leak.txt', `k=${AWS}\n`);
    repo.git(['add', 'leak.txt']);
    expect(repo.tryGit(['commit', '-q', '--no-verify', '-m', 'sneaky']).status).toBe(0);
    const amend = repo.tryGit(['commit', '--amend', '--no-edit']);
    expect(amend.status).not.toBe(0);
    expect(amend.stderr).toContain('secrets/');
    expect(amend.stderr).toContain('leak.txt:1');
    const v = repo.cli(['verify', '--range', 'HEAD~1..HEAD', '--evidence-only']);
    expect(v.status).toBe(1);
  });

  it('an honest amend through the hooks gets valid evidence', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    expect(repo.tryGit(['commit', '-q', '-m', 'feat: a']).status).toBe(0);
    repo.write('b.txt', 'b\n');
    repo.git(['add', 'b.txt']);
    const amend = repo.tryGit(['commit', '-q', '--amend', '-m', 'feat: a and b']);
    expect(amend.status, amend.stderr).toBe(0);
    const v = repo.cli(['verify', '--range', 'HEAD~1..HEAD', '--evidence-only']);
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });
});

describe('secrets inputs', () => {
  it('a malformed baseline blocks with the file and how to repair it, not as an internal error', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.write('.secrets-baseline.json', '{"stopwords":[]}\n');
    repo.write('a.txt', 'hello\n');
    repo.git(['add', '.']);
    const r = repo.tryGit(['commit', '-m', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('secrets/baseline .secrets-baseline.json');
    expect(r.stderr).toContain('scan --baseline-update');
    expect(r.stderr).not.toContain('harness-hooks bug');
  });

  it('a commit that only deletes files does not warn that the scan checked nothing', () => {
    const repo = installed();
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-q', '-m', 'chore: harness']);
    repo.git(['rm', '-q', 'README.md']);
    const r = repo.tryGit(['commit', '-m', 'chore: drop readme']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('checked NOTHING');
  });
});
