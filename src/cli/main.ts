/**
 * CLI entry. Parses argv, lazy-imports one module per command (so a hook run loads only what it
 * needs), maps errors to exit codes: 2 usage/config, 3 internal. Never prints a stack trace unless
 * HARNESS_DEBUG=1.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { CliIO, CommandModule } from './command.js';
import { UsageError } from './command.js';

export const COMMANDS: Array<[name: string, summary: string]> = [
  ['init', 'Install the hooks (pre-commit, commit-msg, pre-push, post-commit) and a starter config.'],
  ['uninstall', 'Remove the hooks and restore whatever was there before.'],
  ['run', 'Run the policies bound to a git hook (called by the installed hooks).'],
  ['check', 'Run all policies over the staged change, a commit range, or all files.'],
  ['scan', 'Scan for secrets: staged, a commit range, history, or a tree.'],
  ['doctor', 'Check that the hooks will really run here, and print the fix when they will not.'],
  ['config', 'Print the resolved config and where each value came from.'],
  ['rules', 'Show which AGENTS.md rules are enforced, and by what.'],
  ['sync', 'Write the list of enforced rules into AGENTS.md (a generated block).'],
  ['note', 'Leave a note (assumption, open question) for the next commit\'s handoff.'],
  ['handoff', 'Write a PR handoff for a commit range.'],
  ['verify', 'Check that every commit in a range carries valid evidence that the hooks ran.'],
];

/** One literal import per command, so a bundler sees every command and a hook run loads only its own. */
const LOADERS: Record<string, () => Promise<{ default: unknown }>> = {
  init: () => import('./commands/init.js'),
  uninstall: () => import('./commands/uninstall.js'),
  run: () => import('./commands/run.js'),
  check: () => import('./commands/check.js'),
  scan: () => import('./commands/scan.js'),
  doctor: () => import('./commands/doctor.js'),
  config: () => import('./commands/config.js'),
  rules: () => import('./commands/rules.js'),
  sync: () => import('./commands/sync.js'),
  note: () => import('./commands/note.js'),
  handoff: () => import('./commands/handoff.js'),
  verify: () => import('./commands/verify.js'),
};

function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function colorEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

let pipeGuard = false;

export function makeIO(env: NodeJS.ProcessEnv = process.env): CliIO {
  if (!pipeGuard) {
    pipeGuard = true;
    // `harness-hooks doctor | head -3`: the reader went away; stop quietly, keeping our exit code.
    for (const s of [process.stdout, process.stderr]) {
      s.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
      });
    }
  }
  return {
    cwd: process.cwd(),
    env,
    out: (s) => void process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
    err: (s) => void process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    color: colorEnabled(process.stderr, env),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function mainHelp(): string {
  const w = Math.max(...COMMANDS.map(([n]) => n.length));
  return [
    `harness-hooks ${version()}: AGENTS.md rules as git hooks that cannot be skipped silently.`,
    '',
    'Usage: harness-hooks <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(([n, s]) => `  ${n.padEnd(w)}  ${s}`),
    '',
    'Run `harness-hooks <command> --help` for a command\'s options.',
    '',
    'Exit codes: 0 passed · 1 blocked by a policy · 2 usage or config error · 3 internal error',
    'Docs: https://github.com/harness-hooks/harness-hooks#readme',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = makeIO()): Promise<number> {
  const code = await dispatch(argv, io);
  process.exitCode = code;
  return code;
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0]) return dispatch([rest[0], '--help'], io);
    io.out(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(version());
    return 0;
  }
  if (!COMMANDS.some(([n]) => n === name)) {
    const { didYouMean } = await import('../config/errors.js');
    const sug = didYouMean(name, COMMANDS.map(([n]) => n));
    io.err(`harness-hooks: unknown command "${name}".${sug ? ` Did you mean "${sug}"?` : ''} Run \`harness-hooks --help\` for the list.`);
    return 2;
  }
  let mod: CommandModule;
  try {
    mod = (await LOADERS[name]!()).default as CommandModule;
  } catch (e) {
    io.err(`harness-hooks: the "${name}" command is not available in this build (${(e as Error).message}).`);
    return 3;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    if (!(name === 'run' && rest.indexOf('--help') > 1)) {
      io.out(mod.help);
      return 0;
    }
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: mod.options as never,
        allowPositionals: mod.allowPositionals ?? false,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
    }
    return await mod.run(parsed as never, io);
  } catch (e) {
    return reportError(e, io, name, mod);
  }
}

export function reportError(e: unknown, io: CliIO, name: string, mod?: CommandModule): number {
  const err = e as Error & { problems?: string[]; reason?: string };
  if (io.env.HARNESS_DEBUG === '1' && err?.stack) io.err(err.stack);
  if (err instanceof UsageError) {
    const usage = mod?.help.split('\n').find((l) => l.startsWith('Usage:'));
    io.err(`harness-hooks ${name}: ${err.message}${usage ? `\n${usage}` : ''}\nRun \`harness-hooks ${name} --help\` for details.`);
    return 2;
  }
  if (err?.name === 'ConfigError') {
    io.err(`harness-hooks: ${err.message}`);
    for (const p of err.problems ?? []) io.err(`  - ${p}`);
    io.err('  Fix the config and try again; `npx harness-hooks config` shows the resolved result.');
    return 2;
  }
  if (err instanceof Error && (err.constructor.name === 'NotARepoError' || err.constructor.name === 'RangeError_')) {
    io.err(`harness-hooks ${name}: ${err.message}`);
    return 2;
  }
  if (err?.name === 'GitError') {
    io.err(`harness-hooks ${name}: ${err.message}`);
    return 3;
  }
  io.err(
    `harness-hooks ${name}: internal error: ${err?.message ?? String(e)}\n` +
      '  This is a bug in harness-hooks. Re-run with HARNESS_DEBUG=1 for details and report it.',
  );
  return 3;
}
