/**
 * `tests`: tests move with code, and the suite stays honest.
 *  - requireTests: a changed source file (sourceGlobs, code only) with no matching test change blocks.
 *  - noFocus / noSkip: added `.only`, `fdescribe`, `.skip`, `xit`, `@pytest.mark.skip`, `t.Skip` ...
 *  - noDeletedTests: a deleted test file, or test cases removed on net, is flagged.
 *  - command: the test command gates pre-push (default) or pre-commit, optionally only the related
 *    tests (vitest related / jest --findRelatedTests), with a timeout; exit code, duration and the
 *    last lines of output are recorded for the handoff.
 */
import { definePolicy, type ChangedFile, type Finding, type PolicyContext } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { compileGlobs } from './lib/glob.js';
import { shq, showPath } from './lib/shell.js';
import { CODE_EXTENSIONS, covers, DEFAULT_SOURCE_GLOBS, DEFAULT_TEST_GLOBS, extOf, isTestCaseLine, isTrivialLine, suggestTestPaths } from './lib/test-files.js';
import { findMarker } from './lib/test-markers.js';
import { citedValue, sourceForKey, sourceForValue } from './lib/cite.js';

const schema = policyConfig((z) => ({
  requireTests: z.boolean().default(true).describe('A changed source file needs a matching test change in the same commit.'),
  sourceGlobs: z.array(z.string()).default(DEFAULT_SOURCE_GLOBS).describe('Source files that need tests (code files only; `!glob` excludes).'),
  testGlobs: z.array(z.string()).default(DEFAULT_TEST_GLOBS).describe('What counts as a test file.'),
  ignore: z.array(z.string()).default(['*.d.ts']).describe('Source files that never need a test (types, generated code).'),
  mapping: z.enum(['name', 'any']).default('name').describe('`name`: the test must be named after the source (foo -> foo.test.ts, foo_test.go, test_foo.py); `any`: any test change will do.'),
  command: z.string().nullable().default(null).describe('Test command, run through the shell from the repo root (e.g. `npm test`).'),
  commandHook: z.enum(['pre-commit', 'pre-push']).default('pre-push').describe('Hook that runs the test command.'),
  related: z.enum(['vitest', 'jest', 'none']).default('none').describe('Run only tests related to the changed files: `vitest related --run <files>` / `jest --findRelatedTests <files>`.'),
  timeoutSeconds: z.number().positive().default(600).describe('Stop the test command after this long (a timeout blocks).'),
  noFocus: z.boolean().default(true).describe('Block added focus markers (.only, fdescribe, fit). Not waivable.'),
  noSkip: z.boolean().default(true).describe('Block added skip markers (.skip, xit, @pytest.mark.skip, t.Skip, @Disabled, #[ignore]).'),
  noDeletedTests: z.boolean().default(true).describe('Flag deleted test files and removed test cases.'),
}));

type Config = NonNullable<(typeof schema)['_output']>;
type Ctx = Pick<PolicyContext<Config>, 'change' | 'config' | 'hook' | 'sourceFor' | 'env' | 'recordCommand' | 'signal'>;

function live(f: ChangedFile) {
  return f.status !== 'D' && !f.binary;
}

export function testFindings(ctx: Pick<Ctx, 'change' | 'config' | 'sourceFor'>): Finding[] {
  const { config, change } = ctx;
  const testSet = compileGlobs(config.testGlobs);
  const isTest = (p: string) => testSet.matches(p);
  const out: Finding[] = [];
  const sev = config.severity;

  // Focus and skip markers in added lines of test files.
  if (config.noFocus || config.noSkip) {
    for (const f of change.files) {
      if (!live(f) || !isTest(f.path)) continue;
      const ext = extOf(f.path);
      for (const l of f.addedLines) {
        const m = findMarker(l.text, ext);
        if (!m || (m.kind === 'focus' && !config.noFocus) || (m.kind === 'skip' && !config.noSkip)) continue;
        out.push({
          policy: 'tests',
          rule: m.kind,
          severity: sev,
          message:
            m.kind === 'focus'
              ? `Focus marker \`${m.marker}\` added: it makes the runner skip every other test, in CI too.`
              : `Skip marker \`${m.marker}\` added: the test no longer runs.`,
          file: f.path,
          line: l.line,
          fix:
            m.kind === 'focus'
              ? `Remove \`${m.marker}\` at ${showPath(f.path)}:${l.line}, then \`git add -- ${shq(f.path)}\`.`
              : `Fix the test instead of skipping it, or remove \`${m.marker}\` at ${showPath(f.path)}:${l.line}. If the skip is deliberate, waive it and name the issue that tracks it.`,
          waivable: m.kind === 'skip',
          source: sourceForKey(ctx, m.kind === 'focus' ? 'noFocus' : 'noSkip'),
          data: { marker: m.marker },
        });
      }
    }
  }

  // Deleted test files and removed test cases (net over the change, so moved tests are fine).
  if (config.noDeletedTests) {
    let removedCases = 0;
    let addedCases = 0;
    const perFile: Array<{ f: ChangedFile; removed: number[]; net: number }> = [];
    for (const f of change.files) {
      if (!isTest(f.path) && !(f.oldPath && isTest(f.oldPath))) continue;
      const removed = f.removedLines.filter((l) => isTestCaseLine(l.text)).map((l) => l.line);
      const added = f.addedLines.filter((l) => isTestCaseLine(l.text)).length;
      removedCases += removed.length;
      addedCases += added;
      if (removed.length > added) perFile.push({ f, removed, net: removed.length - added });
    }
    if (removedCases > addedCases) {
      for (const { f, removed, net } of perFile) {
        const deleted = f.status === 'D';
        out.push({
          policy: 'tests',
          rule: deleted ? 'deleted-test' : 'removed-tests',
          severity: sev,
          message: deleted
            ? `Test file ${showPath(f.path)} is deleted (${removed.length} test case${removed.length === 1 ? '' : 's'}) and no tests replace it.`
            : `${net} test case${net === 1 ? '' : 's'} removed from ${showPath(f.path)} (old line${removed.length === 1 ? '' : 's'} ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', ...' : ''}).`,
          file: f.path,
          fix: deleted
            ? `Keep it (\`git restore --staged --worktree --source=HEAD -- ${shq(f.path)}\`) or move its cases elsewhere; if the tests are obsolete, waive it and say why.`
            : `Restore the removed cases; if they are obsolete, waive it and say why.`,
          waivable: true,
          source: sourceForKey(ctx, 'noDeletedTests'),
          data: { removedCases: removed.length, oldLines: removed.slice(0, 50) },
        });
      }
    }
  }

  // Tests move with code.
  if (config.requireTests) {
    const sources = compileGlobs(config.sourceGlobs);
    const ignore = compileGlobs(config.ignore);
    const tests = change.files.filter((f) => f.status !== 'D' && isTest(f.path) && (f.added > 0 || f.status === 'A' || f.status === 'R'));
    for (const f of change.files) {
      if (!live(f) || isTest(f.path) || !sources.matches(f.path) || ignore.matches(f.path)) continue;
      if (!CODE_EXTENSIONS.has(extOf(f.path))) continue;
      const meaningful = f.addedLines.find((l) => !isTrivialLine(l.text));
      if (!meaningful) continue; // comment-only edits, pure deletions and pure renames
      if (f.addedLines.some((l) => isTestCaseLine(l.text))) continue; // tests added in the file itself
      const ok = config.mapping === 'any' ? tests.length > 0 : tests.some((t) => covers(f.path, t.path) || (t.oldPath !== undefined && covers(f.path, t.oldPath)));
      if (ok) continue;
      const hints = suggestTestPaths(f.path);
      out.push({
        policy: 'tests',
        rule: 'missing-test',
        severity: sev,
        message: `${showPath(f.path)} changed with no matching test change${config.mapping === 'any' ? ' (no test file changed at all)' : ''}. Tests move with code: expected a change to ${hints.map(showPath).join(' or ')}.`,
        file: f.path,
        line: meaningful.line,
        fix: `Add or update the test (e.g. ${showPath(hints[0]!)}) and \`git add\` it. If existing tests already cover this change (a pure refactor), waive it and name those tests.`,
        waivable: true,
        source: citedValue(ctx, 'sourceGlobs', sources.which(f.path)) ?? sourceForKey(ctx, 'requireTests'),
        data: { expected: hints },
      });
    }
  }
  return out;
}

/** The command to run, with the related files appended in related mode; undefined when there is none. */
export function testCommand(config: Config, files: readonly ChangedFile[]): string | undefined {
  const paths = files.filter(live).map((f) => f.path).filter((p) => CODE_EXTENSIONS.has(extOf(p)));
  if (config.related === 'vitest') return paths.length ? `${config.command ?? 'npx vitest related --run'} ${paths.map(shq).join(' ')}` : undefined;
  if (config.related === 'jest') return paths.length ? `${config.command ?? 'npx jest --findRelatedTests --passWithNoTests'} ${paths.map(shq).join(' ')}` : undefined;
  return config.command ?? undefined;
}

/** Recorded output goes to the ledger and the handoff: never with a secret in it. */
async function redactTail(tail: string): Promise<string> {
  const { redactText } = await import('../secrets/index.js');
  return redactText(tail);
}

const ran = new Map<string, Promise<import('./lib/run-command.js').CommandResult>>();

export async function commandFindings(ctx: Ctx): Promise<Finding[]> {
  const { config } = ctx;
  if (ctx.hook !== config.commandHook) return [];
  const cmd = testCommand(config, ctx.change.files);
  if (!cmd) return [];
  // One `git push` of several refs runs the hook once per ref in one process: run the command once.
  const key = `${ctx.change.repo.root}\0${cmd}`;
  let pending = ran.get(key);
  if (!pending) {
    const { runCommand } = await import('./lib/run-command.js');
    pending = runCommand(cmd, { cwd: ctx.change.repo.root, env: ctx.env, timeoutMs: config.timeoutSeconds * 1000, signal: ctx.signal });
    ran.set(key, pending);
  }
  const r = await pending;
  const tail = await redactTail(r.tail);
  ctx.recordCommand({ policy: 'tests', command: cmd, exitCode: r.exitCode, durationMs: r.durationMs, tail, ...(r.timedOut ? { timedOut: true } : {}) });
  if (r.exitCode === 0 && !r.timedOut) return [];
  const secs = (r.durationMs / 1000).toFixed(1);
  const shown = tail ? `\n${tail.split('\n').slice(-15).map((l) => '    ' + l).join('\n')}` : '';
  const message = r.error
    ? `The test command \`${cmd}\` could not start: ${r.error}.`
    : r.timedOut
      ? `The test command \`${cmd}\` did not finish within ${config.timeoutSeconds} s and was stopped.${shown}`
      : `The test command \`${cmd}\` failed (exit ${r.exitCode}, ${secs} s). Last lines:${shown}`;
  return [
    {
      policy: 'tests',
      rule: r.timedOut ? 'timeout' : 'command',
      severity: config.severity,
      message,
      fix: r.timedOut
        ? `Run \`${cmd}\` yourself to see why it hangs, or raise policies.tests.timeoutSeconds.`
        : `Run \`${cmd}\`, fix the failures, then ${ctx.hook === 'pre-push' ? 'push' : 'commit'} again. Note: the command runs on your working tree, including unstaged edits.`,
      waivable: true,
      source: config.related === 'vitest' || config.related === 'jest' ? ctx.sourceFor('related') : commandSource(ctx, cmd),
      data: { exitCode: r.exitCode, durationMs: r.durationMs, timedOut: r.timedOut },
    },
  ];
}

export const testsPolicy = definePolicy({
  id: 'tests',
  skipOnMerge: true,
  description: 'Tests move with code; no focus or skip markers; no silently deleted tests; the test command gates pushes.',
  hooks: ['pre-commit', 'pre-push'],
  schema,
  waivable: true,
  summarize: (c) => {
    const parts = [];
    if (c.requireTests) parts.push('changes to source files come with a matching test change');
    if (c.noFocus || c.noSkip) parts.push(`no ${[c.noFocus ? 'focus (.only)' : '', c.noSkip ? 'skip (.skip, xit)' : ''].filter(Boolean).join(' or ')} markers`);
    if (c.noDeletedTests) parts.push('no deleted tests');
    if (c.command || c.related !== 'none') parts.push(`\`${c.command ?? c.related}\`${c.related !== 'none' ? ' (related tests)' : ''} passes before ${c.commandHook === 'pre-push' ? 'each push' : 'each commit'}`);
    return parts.join('; ') || 'no test rules';
  },
  async run(ctx) {
    // Content rules at pre-commit (and in manual runs). At pre-push each commit was checked when it
    // was made, so only focus markers are looked for again in the pushed diff (they are never
    // waivable, so this cannot re-block a waived commit; it catches `git commit --no-verify`).
    const content =
      ctx.hook === 'pre-push'
        ? ctx.config.noFocus
          ? testFindings({ ...ctx, config: { ...ctx.config, requireTests: false, noSkip: false, noDeletedTests: false } })
          : []
        : testFindings(ctx);
    const cmd = await commandFindings(ctx);
    return [...content, ...cmd];
  },
});

/** The sentence(s) behind the test command: one sentence when every `&&` part comes from it, else none. */
function commandSource(ctx: Pick<Ctx, 'config' | 'sourceFor'>, cmd: string) {
  const whole = citedValue(ctx, 'command', cmd);
  if (whole) return whole;
  const parts = cmd.split(/\s+&&\s+/).map((p) => sourceForValue(ctx, 'command', p));
  const first = parts[0];
  return first && parts.every((p) => p && p.file === first.file && p.line === first.line) ? first : undefined;
}
