/**
 * `commands`: the team's own per-glob commands on staged files at pre-commit, through lint-staged's
 * Node API, so partially staged files are protected (unstaged hunks hidden, restored afterwards) and
 * fixers' edits are re-staged. lint-staged is imported only when this policy has tasks.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { definePolicy, type Finding } from '../engine/types.js';
import { policyConfig } from '../config/base.js';
import { sourceForValue } from './lib/cite.js';

const schema = policyConfig((z) => ({
  tasks: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .default({})
    .describe('Glob -> command(s) run on the staged files that match, e.g. {"*.ts": "eslint --fix"}.'),
  concurrent: z.union([z.boolean(), z.number().int().positive()]).default(true).describe('Run globs concurrently (lint-staged --concurrent).'),
  stash: z.boolean().default(true).describe("Back up and restore unstaged changes around the commands (lint-staged's partial-staging protection)."),
}));

/**
 * Run fn while holding <common git dir>/harness/<name>.lock (created with O_EXCL). A lock whose
 * process is gone, or that is older than 15 minutes, is taken over; waits up to 10 minutes.
 */
async function withCommonLock<T>(commonDir: string, name: string, fn: () => Promise<T>): Promise<T> {
  const file = join(commonDir, 'harness', `${name}.lock`);
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        const pid = Number(readFileSync(file, 'utf8').trim());
        let alive = Number.isInteger(pid) && pid > 0;
        if (alive) {
          try {
            process.kill(pid, 0);
          } catch (k) {
            alive = (k as NodeJS.ErrnoException).code === 'EPERM';
          }
        }
        if (!alive || Date.now() - statSync(file).mtimeMs > 15 * 60_000) {
          rmSync(file, { force: true });
          continue;
        }
      } catch {
        continue; // the holder just released it
      }
      if (Date.now() > deadline) throw new Error(`another worktree's staged-file commands still hold ${file} after 10 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

/** During `git commit <pathspec>`: the temporary index git commits, and the locked real index. */
function partialCommitIndexes(root: string, gitDir: string, env: NodeJS.ProcessEnv): { temp: string; real: string } | undefined {
  if (!env.GIT_INDEX_FILE) return undefined;
  const temp = resolve(root, env.GIT_INDEX_FILE);
  const real = join(gitDir, 'index.lock');
  if (temp === real || !existsSync(real) || !basename(temp).startsWith('next-index')) return undefined;
  return { temp, real };
}

async function indexEntries(ctx: { git: { run(a: string[], o?: { env?: NodeJS.ProcessEnv }): Promise<string> }; env: NodeJS.ProcessEnv }, index: string) {
  const out = await ctx.git.run(['ls-files', '-s', '-z'], { env: { ...ctx.env, GIT_INDEX_FILE: index } });
  const map = new Map<string, string>();
  for (const rec of out.split('\0')) {
    const m = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(rec);
    if (m) map.set(m[3]!, `${m[1]} ${m[2]}`);
  }
  return map;
}

export const commandsPolicy = definePolicy({
  id: 'commands',
  description: "Run the team's commands (lint, format, typecheck) on staged files, through lint-staged.",
  hooks: ['pre-commit'],
  schema,
  waivable: false,
  mutatesIndex: true,
  summarize: (c) =>
    Object.entries(c.tasks)
      .map(([g, cmd]) => `\`${Array.isArray(cmd) ? cmd.join(' && ') : cmd}\` on ${g}`)
      .join('; ') || 'no commands configured',
  async run(ctx) {
    const tasks = ctx.config.tasks;
    if (Object.keys(tasks).length === 0) return [];
    if (ctx.hook !== 'pre-commit') return []; // lint-staged works on the index only
    const started = Date.now();
    const lines: string[] = [];
    const logger = {
      log: (...a: unknown[]) => lines.push(a.join(' ')),
      info: (...a: unknown[]) => lines.push(a.join(' ')),
      debug: () => undefined,
      warn: (...a: unknown[]) => lines.push(a.join(' ')),
      error: (...a: unknown[]) => lines.push(a.join(' ')),
    };
    let ok = false;
    let crash: string | undefined;
    const partial = partialCommitIndexes(ctx.change.repo.root, ctx.change.repo.gitDir, ctx.env);
    const before = partial ? await indexEntries(ctx, partial.temp) : undefined;
    try {
      const mod = (await import('lint-staged')) as unknown as {
        default: (opts: Record<string, unknown>, logger?: unknown) => Promise<boolean>;
      };
      // quiet: lint-staged's spinner would write straight to our stdout; failures still reach the logger.
      // One run at a time across worktrees: lint-staged's backup goes through `git stash`, and
      // refs/stash is shared by every worktree of a repository.
      ok = await withCommonLock(ctx.change.repo.commonDir, 'lint-staged', () =>
        mod.default(
          { config: tasks, cwd: ctx.change.repo.root, concurrent: ctx.config.concurrent, stash: ctx.config.stash, quiet: true },
          logger,
        ),
      );
    } catch (e) {
      crash = e instanceof Error ? e.message : String(e);
    }
    // Strip the spinner's ANSI codes: this output goes to the handoff and to agents.
    const output = lines.join('\n').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    // Redact at the source: this tail is printed, stored in the ledger and shown in the handoff.
    const raw = output.split('\n').filter((l) => l.trim()).slice(-20).join('\n');
    const redact = await (await import('../handoff/redactor.js')).redactorFor([raw, crash ?? '']);
    const tail = redact(raw);
    if (crash) crash = redact(crash);
    ctx.recordCommand({
      policy: 'commands',
      command: `lint-staged (${Object.keys(tasks).join(', ')})`,
      exitCode: ok ? 0 : 1,
      durationMs: Date.now() - started,
      tail,
    });
    if (ok && partial && before) {
      // `git commit <pathspec>`: git commits a temporary index (GIT_INDEX_FILE) and, afterwards,
      // installs its own locked copy of the real index. lint-staged's fixes land only in the
      // temporary one, so carry them into the real index too, or the next commit would undo them.
      const after = await indexEntries(ctx, partial.temp);
      for (const [path, entry] of after) {
        if (before.get(path) === entry) continue;
        const [mode, sha] = entry.split(' ');
        await ctx.git.run(['update-index', '--add', '--cacheinfo', `${mode},${sha},${path}`], {
          env: { ...ctx.env, GIT_INDEX_FILE: partial.real },
        });
      }
    }
    if (ok) return [];
    const finding: Finding = {
      policy: 'commands',
      severity: ctx.config.severity,
      message: crash
        ? `lint-staged could not run: ${crash}`
        : tail.trim()
          ? `A staged-file command failed. Its output:\n${tail.split('\n').map((l) => '    ' + l).join('\n')}`
          : 'lint-staged failed without printing why (a git error while backing up or restoring is the usual cause). Run `npx lint-staged --debug` to see it.',
      fix: 'Fix what the command reported, `git add` the fixes, and commit again. Your unstaged changes were restored.',
      waivable: false,
      source: taskSource(ctx, output),
    };
    return [finding];
  },
});

/**
 * The sentence behind the failed command: lint-staged marks a failed task with ✖ / "failed"; when
 * the failed commands (or, unknown, all commands) come from one sentence, cite it, else cite none.
 */
function taskSource(ctx: Parameters<typeof sourceForValue>[0] & { config: { tasks: Record<string, string | string[]> } }, output: string) {
  const all = Object.values(ctx.config.tasks).flat();
  const marked = output.split('\n').filter((l) => /✖|\bfail(?:ed|ure)?\b/i.test(l));
  const failed = all.filter((c) => marked.some((l) => l.includes(c)));
  const cites = new Map<string, ReturnType<typeof sourceForValue>>();
  for (const c of failed.length ? failed : all) {
    const s = sourceForValue(ctx, 'tasks', c);
    cites.set(s ? `${s.file}:${s.line}` : '', s);
  }
  return cites.size === 1 ? [...cites.values()][0] : sourceForValue(ctx, 'tasks', undefined);
}
