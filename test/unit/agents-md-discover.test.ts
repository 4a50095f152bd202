/** Discovery as agents resolve it, against real directories and git's file list. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chainFor, discover, filesFor, findImports } from '../../src/agents-md/discover.js';
import { cleanupAll, makeRepo, tempDir } from '../helpers/repo.js';

afterAll(() => cleanupAll());

function write(root: string, rel: string, text: string) {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('discover', () => {
  it('orders root first, nearer later; the override shadows AGENTS.md in its directory; CLAUDE.md after AGENTS.md', async () => {
    const repo = makeRepo();
    write(repo.dir, 'AGENTS.md', '- Never commit to main.\n');
    write(repo.dir, 'CLAUDE.md', '- Use a worktree.\n');
    write(repo.dir, 'a/AGENTS.md', '- a\n');
    write(repo.dir, 'a/AGENTS.override.md', '- a override\n');
    write(repo.dir, 'a/b/agents.md', '- lower-case name counts\n');
    write(repo.dir, 'z/AGENTS.md', '- z\n');
    const d = await discover(repo.dir);
    expect(d.files.map((f) => f.path)).toEqual(['AGENTS.md', 'CLAUDE.md', 'a/AGENTS.override.md', 'z/AGENTS.md', 'a/b/agents.md']);
    expect(d.shadowed).toEqual([{ path: 'a/AGENTS.md', by: 'a/AGENTS.override.md' }]);
    expect(filesFor(d, 'a/b/c.ts').map((f) => f.path)).toEqual(['AGENTS.md', 'CLAUDE.md', 'a/AGENTS.override.md', 'a/b/agents.md']);
    expect(filesFor(d, 'z/x.ts').map((f) => f.path)).toEqual(['AGENTS.md', 'CLAUDE.md', 'z/AGENTS.md']);
    expect(chainFor(d, 'zz').map((f) => f.path)).toEqual(['AGENTS.md', 'CLAUDE.md']);
  });

  it('never reads gitignored or excluded files', async () => {
    const repo = makeRepo();
    write(repo.dir, '.gitignore', 'ignored/\n');
    write(repo.dir, 'ignored/AGENTS.md', '- x\n');
    write(repo.dir, 'node_modules/pkg/AGENTS.md', '- x\n');
    write(repo.dir, 'fixtures/AGENTS.md', '- x\n');
    write(repo.dir, 'AGENTS.md', '- root\n');
    expect((await discover(repo.dir)).files.map((f) => f.path)).toEqual(['AGENTS.md', 'fixtures/AGENTS.md']);
    expect((await discover(repo.dir, { exclude: ['fixtures/**', '**/node_modules/**'] })).files.map((f) => f.path)).toEqual(['AGENTS.md']);
  });

  it('follows CLAUDE.md imports relative to the importing file, once, and never outside the repo', async () => {
    const repo = makeRepo();
    const outside = tempDir('hh-outside-');
    writeFileSync(join(outside, 'secret-rules.md'), '- outside rule\n');
    write(repo.dir, 'AGENTS.md', '- shared\n');
    write(repo.dir, 'CLAUDE.md', '@AGENTS.md\n@docs/a.md\n`@docs/in-code.md` is not an import\n@link.md\nmail me: a@b.example\n');
    write(repo.dir, 'docs/a.md', '- a\n@b.md\n');
    write(repo.dir, 'docs/b.md', '- b\n@a.md\n');
    write(repo.dir, 'docs/in-code.md', '- never read\n');
    symlinkSync(join(outside, 'secret-rules.md'), join(repo.dir, 'link.md'));
    const d = await discover(repo.dir);
    expect(d.files.map((f) => [f.path, f.kind, f.importedFrom ?? null])).toEqual([
      ['AGENTS.md', 'agents', null],
      ['CLAUDE.md', 'claude', null],
      ['docs/a.md', 'import', 'CLAUDE.md'],
      ['docs/b.md', 'import', 'docs/a.md'],
    ]);
    expect(d.warnings.join('\n')).toMatch(/docs\/b\.md:2: import @a\.md is a cycle/);
    expect(d.warnings.join('\n')).toMatch(/CLAUDE\.md:4: import @link\.md resolves outside the repository/);
    expect(d.files.every((f) => f.scopeDir === '')).toBe(true);
  });

  it('imports are off with agentsMd.imports: false', async () => {
    const repo = makeRepo();
    write(repo.dir, 'CLAUDE.md', '@docs/a.md\n');
    write(repo.dir, 'docs/a.md', '- a\n');
    expect((await discover(repo.dir, { imports: false })).files.map((f) => f.path)).toEqual(['CLAUDE.md']);
  });

  it('measures the bytes each directory sees and names where agents stop reading', async () => {
    const repo = makeRepo();
    write(repo.dir, 'AGENTS.md', 'x'.repeat(100) + '\n- rule\n');
    write(repo.dir, 'deep/AGENTS.md', '- one\n- two\n' + 'y'.repeat(50) + '\n- three\n');
    const d = await discover(repo.dir, { maxBytes: 120 });
    const deep = d.budgets.find((b) => b.dir === 'deep')!;
    expect(deep.over).toBe(true);
    expect(deep.cutoff).toEqual({ file: 'deep/AGENTS.md', line: 3 }); // 108 bytes of root + 12 here: lines 1-2 read, reading stops at line 3
    expect(d.budgets.find((b) => b.dir === '')!.over).toBe(false);
    expect(d.warnings[0]).toMatch(/^deep: the instruction files an agent reads there total \d+ bytes .* agents stop reading at deep\/AGENTS\.md:3/);
  });
});

describe('findImports', () => {
  it('finds @path tokens outside code, not e-mails or @mentions', () => {
    expect(findImports('See @docs/x.md and @README.md.\nPing @alice.\nmail a@b.c\n```\n@in/fence.md\n```\n`@in/code.md`')).toEqual([
      { target: 'docs/x.md', line: 1 },
      { target: 'README.md', line: 1 },
    ]);
  });
});
