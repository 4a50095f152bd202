/**
 * Each fixture under test/fixtures/agents-md/<style>/ is a small repository in one writing style;
 * its expected.json is the coverage table `harness-hooks rules --format json` must print for it
 * (file:line, sentence, status, enforcing policies with hooks and config, scope, size-limit flag)
 * plus the warnings it must give. Real git, a temp repo per fixture.
 * Regenerate after an intended change with HH_UPDATE_FIXTURES=1, then review the diff.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, PROJECT_ROOT } from '../helpers/repo.js';
import type { CliIO, CommandModule } from '../../src/cli/command.js';
import rulesCmd from '../../src/cli/commands/rules.js';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'agents-md');

export async function runCmd(mod: CommandModule, argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const { values, positionals } = parseArgs({ args: argv, options: mod.options as never, allowPositionals: !!mod.allowPositionals, strict: true });
  let out = '';
  let err = '';
  const io: CliIO = { cwd, env, out: (s) => void (out += s), err: (s) => void (err += s), readStdin: async () => '', color: false };
  const code = await mod.run({ values: values as never, positionals }, io);
  return { code, out, err };
}

function repoFromFixture(name: string) {
  const repo = makeRepo();
  cpSync(join(FIXTURES, name), repo.dir, { recursive: true, filter: (src) => !src.endsWith('expected.json') });
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'fixture']);
  return repo;
}

interface Expected {
  files: string[];
  rows: Array<Record<string, unknown>>;
  warnings: string[];
}

function project(json: { files: string[]; rows: Array<Record<string, unknown>>; warnings: string[] }): Expected {
  return {
    files: json.files,
    rows: json.rows.map((r) => {
      const o: Record<string, unknown> = { at: `${r.file}:${r.line}`, text: r.text, status: r.status };
      const pols = r.policies as Array<{ policy: string; hooks: string[]; config: Record<string, unknown> }>;
      if (pols.length) o.enforcedBy = pols.map((p) => ({ policy: p.policy, hooks: p.hooks, config: p.config }));
      if (r.scope) o.scope = r.scope;
      if (r.kind) o.kind = r.kind;
      if (r.truncated) o.truncated = true;
      return o;
    }),
    warnings: json.warnings,
  };
}

afterAll(() => cleanupAll());

const names = readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'expected.json')) || process.env.HH_UPDATE_FIXTURES);

describe('AGENTS.md fixtures: coverage tables', () => {
  it('has at least 10 fixtures in different styles', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });
  it.each(names)('%s', async (name) => {
    const repo = repoFromFixture(name);
    const r = await runCmd(rulesCmd, ['--format', 'json'], repo.dir, repo.env);
    expect(r.code, r.err).toBe(0);
    const actual = project(JSON.parse(r.out));
    const file = join(FIXTURES, name, 'expected.json');
    if (process.env.HH_UPDATE_FIXTURES) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Expected;
    expect(actual).toEqual(expected);
  });
});
