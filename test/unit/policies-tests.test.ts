import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import { testsPolicy, testCommand } from '../../src/policies/tests.js';
import { covers, testStem, suggestTestPaths } from '../../src/policies/lib/test-files.js';
import { findMarker } from '../../src/policies/lib/test-markers.js';
import { parseConfig, runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

function stage(repo: Repo, files: Record<string, string>) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '--', ...Object.keys(files)]);
}
const only = (findings: Array<{ rule?: string }>, rule: string) => findings.filter((f) => f.rule === rule);

describe('tests move with code', () => {
  it('blocks a source change with no matching test, at the first real line, and suggests where', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/parser.ts': '// header\nexport const a = 1;\n' });
    const { findings } = await runPolicy(testsPolicy, repo);
    const f = only(findings, 'missing-test');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ file: 'src/parser.ts', line: 2, waivable: true });
    expect(f[0]!.message).toContain('test/parser.test.ts');
  });

  it('accepts the common layouts', async () => {
    const layouts: Array<[string, string]> = [
      ['src/parser.ts', 'test/parser.test.ts'],
      ['src/parser.ts', 'src/__tests__/parser.ts'],
      ['src/ui/button.tsx', 'src/ui/button.spec.tsx'],
      ['pkg/store/store.go', 'pkg/store/store_test.go'],
      ['lib/app/models.py', 'tests/test_models.py'],
      ['src/engine/runner.ts', 'test/unit/runner-waivers.test.ts'],
      ['src/config/index.ts', 'test/config.test.ts'],
      ['app/models/user.rb', 'spec/models/user_spec.rb'],
      ['src/policies/commit-message.ts', 'test/unit/policies-commit-message.test.ts'],
      ['src/git/push.ts', 'test/unit/git_push_test.ts'],
    ];
    for (const [src, test] of layouts) {
      const repo = makeRepo();
      stage(repo, { [src]: 'code = 1\n', [test]: 'assert(1)\n' });
      expect(only((await runPolicy(testsPolicy, repo)).findings, 'missing-test'), `${src} <- ${test}`).toEqual([]);
    }
  });

  it('does not ask for tests for comment-only edits, docs, configs, ignored globs or files outside sourceGlobs', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/a.ts': 'export const a = 1;\n' });
    repo.git(['commit', '-qm', 'a']);
    stage(repo, { 'src/a.ts': 'export const a = 1;\n// note\n', 'src/readme.md': 'x\n', 'src/types.d.ts': 'declare const x: 1;\n', 'scripts/tool.ts': 'x()\n', 'src/data.json': '{}\n' });
    expect((await runPolicy(testsPolicy, repo)).findings).toEqual([]);
  });

  it('mapping "any" accepts any test change; requireTests false turns the rule off', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/a.ts': 'export const a = 1;\n', 'test/other.test.ts': 'it("x", () => {})\n' });
    expect(only((await runPolicy(testsPolicy, repo)).findings, 'missing-test')).toHaveLength(1);
    expect(only((await runPolicy(testsPolicy, repo, { mapping: 'any' })).findings, 'missing-test')).toEqual([]);
    expect((await runPolicy(testsPolicy, repo, { requireTests: false })).findings).toEqual([]);
  });

  it('sees the staged test, not an unstaged one', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/a.ts': 'export const a = 1;\n' });
    repo.write('test/a.test.ts', 'it("a", () => {})\n'); // written but not staged
    expect(only((await runPolicy(testsPolicy, repo)).findings, 'missing-test')).toHaveLength(1);
  });

  it('name helpers', () => {
    expect(testStem('x/foo.test.ts')).toBe('foo');
    expect(testStem('x/foo_test.go')).toBe('foo');
    expect(testStem('tests/test_foo.py')).toBe('foo');
    expect(testStem('src/FooTest.java')).toBe('foo');
    expect(covers('src/foo.ts', 'test/foobar.test.ts')).toBe(false);
    expect(covers('src/size.ts', 'test/oversized.test.ts')).toBe(false);
    expect(covers('src/commit-message.ts', 'test/message-commit.test.ts')).toBe(false);
    expect(suggestTestPaths('pkg/x/y.go')).toEqual(['pkg/x/y_test.go']);
  });
});

describe('focus and skip markers', () => {
  it('blocks added focus markers (not waivable) and skip markers (waivable) at file:line', async () => {
    const repo = makeRepo();
    stage(repo, {
      'test/a.test.ts': ['describe("a", () => {', '  it.only("x", () => {});', '  it.skip("y", () => {});', '  xit("z", () => {});', '  // it.only("comment", () => {})', '  it.skipIf(isWin)("w", () => {});', '});', ''].join('\n'),
      'tests/test_b.py': '@pytest.mark.skip(reason="flaky")\ndef test_b():\n    pass\n@pytest.mark.skipif(sys.platform == "win32", reason="posix")\ndef test_c():\n    pass\n',
      'pkg/c_test.go': 'func TestC(t *testing.T) {\n\tt.Skip("later")\n}\n',
      'src/notatest.ts': 'list.only(1); x.skip(2)\n',
    });
    const { findings } = await runPolicy(testsPolicy, repo, { requireTests: false });
    // In git's path order; commented-out and conditional markers and non-test files are not flagged.
    expect(findings.map((f) => [f.rule, f.file, f.line, f.data!.marker, f.waivable])).toEqual([
      ['skip', 'pkg/c_test.go', 2, 't.Skip', true],
      ['focus', 'test/a.test.ts', 2, '.only', false],
      ['skip', 'test/a.test.ts', 3, '.skip', true],
      ['skip', 'test/a.test.ts', 4, 'xit', true],
      ['skip', 'tests/test_b.py', 1, '@pytest.mark.skip', true],
    ]);
  });

  it('ignores markers that were already there (only added lines count)', async () => {
    const repo = makeRepo();
    stage(repo, { 'test/a.test.ts': 'it.skip("old", () => {});\n' });
    repo.git(['commit', '-qm', 'old skip', '--no-verify']);
    stage(repo, { 'test/a.test.ts': 'it.skip("old", () => {});\nit("new", () => {});\n' });
    expect((await runPolicy(testsPolicy, repo)).findings).toEqual([]);
  });

  it('recognises markers per language', () => {
    expect(findMarker('  fdescribe("x", () => {', 'ts')).toEqual({ kind: 'focus', marker: 'fdescribe' });
    expect(findMarker('test.describe.only("x", () => {', 'ts')).toEqual({ kind: 'focus', marker: '.only' });
    expect(findMarker('  fit "works" do', 'rb')).toEqual({ kind: 'focus', marker: 'fit' });
    expect(findMarker('@Disabled("flaky")', 'java')).toEqual({ kind: 'skip', marker: '@Disabled' });
    expect(findMarker('#[ignore]', 'rs')).toEqual({ kind: 'skip', marker: '#[ignore]' });
    expect(findMarker('@unittest.skip("x")', 'py')).toEqual({ kind: 'skip', marker: '@unittest.skip' });
    expect(findMarker('profit(1)', 'ts')).toBeUndefined();
    // Markers inside string literals are test data, not markers.
    expect(findMarker(`  '  it.only("x", () => {});',`, 'ts')).toBeUndefined();
    expect(findMarker('const src = `describe.skip("a", f)`;', 'ts')).toBeUndefined();
    expect(findMarker('expect(x).toBe("it\\"s"); it.only("y", f)', 'ts')).toEqual({ kind: 'focus', marker: '.only' });
    expect(findMarker('# xit "later"', 'rb')).toBeUndefined();
  });
});

describe('focus markers at pre-push', () => {
  it('finds a focus marker committed with --no-verify in the pushed diff, and nothing else', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    stage(repo, { 'test/a.test.ts': 'it.only("a", () => {});\nit.skip("b", () => {});\n', 'src/untested.ts': 'export const x = 1;\n' });
    repo.git(['commit', '-qm', 'sneaky', '--no-verify']);
    const { findings } = await runPolicy(testsPolicy, repo, {}, { hook: 'pre-push', range: `${base}..HEAD` });
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([['focus', 'test/a.test.ts', 1]]);
  });
});

describe('deleted and removed tests', () => {
  function withTests() {
    const repo = makeRepo();
    stage(repo, {
      'test/a.test.ts': 'it("one", () => {});\nit("two", () => {});\nit("three", () => {});\n',
      'tests/test_b.py': 'def test_x():\n    pass\n',
    });
    repo.git(['commit', '-qm', 'tests']);
    return repo;
  }

  it('flags a deleted test file and removed test cases', async () => {
    const repo = withTests();
    repo.git(['rm', '-q', 'tests/test_b.py']);
    stage(repo, { 'test/a.test.ts': 'it("one", () => {});\n' });
    const { findings } = await runPolicy(testsPolicy, repo);
    expect(findings.map((f) => [f.rule, f.file, f.waivable]).sort()).toEqual([
      ['deleted-test', 'tests/test_b.py', true],
      ['removed-tests', 'test/a.test.ts', true],
    ]);
    expect(findings.find((f) => f.rule === 'removed-tests')!.message).toMatch(/^2 test cases removed from test\/a\.test\.ts \(old lines 2, 3\)/);
  });

  it('allows moving tests between files and renaming a test file', async () => {
    const repo = withTests();
    stage(repo, { 'test/a.test.ts': 'it("one", () => {});\n', 'test/a-more.test.ts': 'it("two", () => {});\nit("three", () => {});\n' });
    repo.git(['mv', 'tests/test_b.py', 'tests/test_c.py']);
    expect((await runPolicy(testsPolicy, repo)).findings).toEqual([]);
  });
});

describe('test command', () => {
  it('builds related-test commands with quoted paths', async () => {
    const files = [
      { path: 'src/a b.ts', status: 'M', binary: false, added: 1, deleted: 0, addedLines: [], removedLines: [] },
      { path: 'src/gone.ts', status: 'D', binary: false, added: 0, deleted: 1, addedLines: [], removedLines: [] },
      { path: 'README.md', status: 'M', binary: false, added: 1, deleted: 0, addedLines: [], removedLines: [] },
    ] as const;
    const cfg = (o: Record<string, unknown>) => parseConfig(testsPolicy, o);
    expect(testCommand(await cfg({ related: 'vitest' }), files as never)).toBe("npx vitest related --run 'src/a b.ts'");
    expect(testCommand(await cfg({ related: 'jest', command: 'yarn jest --findRelatedTests' }), files as never)).toBe("yarn jest --findRelatedTests 'src/a b.ts'");
    expect(testCommand(await cfg({ command: 'npm test' }), files as never)).toBe('npm test');
    expect(testCommand(await cfg({}), files as never)).toBeUndefined();
  });

  it('runs at its hook only, records exit code, duration and the last lines, and blocks on failure', async () => {
    const repo = makeRepo();
    stage(repo, { 'README.md': 'changed\n' });
    const command = `node -e "for (let i = 0; i < 50; i++) console.log('line ' + i); console.error('boom'); process.exit(3)"`;
    const atCommit = await runPolicy(testsPolicy, repo, { command });
    expect(atCommit.commands).toEqual([]);
    const r = await runPolicy(testsPolicy, repo, { command }, { hook: 'pre-push', range: 'HEAD~0..HEAD' });
    expect(r.commands).toHaveLength(1);
    expect(r.commands[0]).toMatchObject({ policy: 'tests', command, exitCode: 3 });
    expect(r.commands[0]!.durationMs).toBeGreaterThan(0);
    const tail = r.commands[0]!.tail.split('\n');
    expect(tail).toHaveLength(30);
    expect(tail.at(-1)).toBe('boom');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'command', waivable: true });
    expect(r.findings[0]!.message).toContain('failed (exit 3');
  });

  it('passes when the command passes, and does not leak GIT_INDEX_FILE into it', async () => {
    const repo = makeRepo();
    const command = `node -e "process.exit(process.env.GIT_INDEX_FILE ? 9 : 0)"`;
    const r = await runPolicy(testsPolicy, repo, { command, commandHook: 'pre-commit' }, { env: { GIT_INDEX_FILE: '.git/index' } });
    expect(r.commands[0]!.exitCode).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('stops a command that runs past the timeout, with its children', async () => {
    const repo = makeRepo();
    const command = `node -e "const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 60000)'], {stdio: 'inherit'}); console.log('worker ' + c.pid); setTimeout(() => {}, 60000)"`;
    const r = await runPolicy(testsPolicy, repo, { command, commandHook: 'pre-commit', timeoutSeconds: 0.5 });
    const worker = Number(/worker (\d+)/.exec(r.commands[0]!.tail)![1]);
    await new Promise((res) => setTimeout(res, 300));
    // The grandchild is gone too (or a zombie waiting for init to reap it).
    let state = 'gone';
    try {
      state = readFileSync(`/proc/${worker}/stat`, 'utf8').split(') ')[1]![0]!;
    } catch {
      /* gone */
    }
    expect(['gone', 'Z', 'X']).toContain(state);
    expect(r.commands[0]).toMatchObject({ timedOut: true });
    expect(r.findings[0]).toMatchObject({ rule: 'timeout' });
    expect(r.findings[0]!.message).toContain('did not finish within 0.5 s');
  });
});

describe('test command: background leftovers', () => {
  it('does not hang when the command exits but leaves a background process holding its output', async () => {
    const repo = makeRepo();
    const command = `node -e "require('child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 20000)'], {stdio: 'inherit', detached: true}).unref(); console.log('done')"`;
    const r = await runPolicy(testsPolicy, repo, { command, commandHook: 'pre-commit', timeoutSeconds: 30 });
    expect(r.commands[0]).toMatchObject({ exitCode: 0 });
    expect(r.commands[0]!.tail).toBe('done');
    expect(r.findings).toEqual([]);
  });
});
