/**
 * `rules --apply`, conflicts, traceability, `sync`, the agents-md policy at pre-commit and
 * `rules --suggest` against a local server speaking the Messages API: real git in temp repos,
 * commands run in-process through their CommandModule (the same contract main.ts uses).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import type { CliIO, CommandModule } from '../../src/cli/command.js';
import rulesCmd from '../../src/cli/commands/rules.js';
import syncCmd from '../../src/cli/commands/sync.js';
import { rulesToConfig } from '../../src/agents-md/coverage.js';
import { loadConfig } from '../../src/config/load.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet } from '../../src/git/changeset.js';
import { runHook } from '../../src/engine/runner.js';
import { getPolicy } from '../../src/policies/index.js';

async function runCmd(mod: CommandModule, argv: string[], repo: Repo, env: NodeJS.ProcessEnv = {}) {
  const { values, positionals } = parseArgs({ args: argv, options: mod.options as never, allowPositionals: !!mod.allowPositionals, strict: true });
  let out = '';
  let err = '';
  const io: CliIO = { cwd: repo.dir, env: { ...repo.env, ...env }, out: (s) => void (out += s), err: (s) => void (err += s), readStdin: async () => '', color: false };
  const code = await mod.run({ values: values as never, positionals }, io);
  return { code, out, err };
}

async function preCommit(repo: Repo) {
  const info = await readRepoInfo(repo.dir, repo.env);
  const loaded = await loadConfig(info.root);
  return runHook({ hook: 'pre-commit', repo: info, loaded, env: repo.env, buildChange: () => stagedChangeSet(info, { env: repo.env }) });
}

afterAll(() => cleanupAll());

describe('rules --apply', () => {
  it('shows the change first, writes only with --yes, and the rules then read as enforced', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n\n- Lint with eslint.\n- Format with prettier.\n- Be kind.\n');
    const dry = await runCmd(rulesCmd, ['--apply'], repo);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Change to .harnessrc.json');
    expect(dry.out).toMatch(/^\+ .*": "eslint"/m);
    expect(dry.out).toContain('Re-run with --yes');
    expect(existsSync(join(repo.dir, '.harnessrc.json'))).toBe(false);

    const wet = await runCmd(rulesCmd, ['--apply', '--yes'], repo);
    expect(wet.code, wet.err).toBe(0);
    const written = JSON.parse(repo.read('.harnessrc.json'));
    expect(written.policies.commands.enabled).toBe(true);
    expect(Object.values(written.policies.commands.tasks)).toEqual(expect.arrayContaining(['eslint', 'prettier --write']));
    expect(written.policies.commands.sources.tasks).toEqual({ file: 'AGENTS.md', line: 4, text: 'Format with prettier.' });
    expect(written.policies.commands.sources['*']).toEqual({ file: 'AGENTS.md', line: 3, text: 'Lint with eslint.' });

    const after = JSON.parse((await runCmd(rulesCmd, ['--format', 'json'], repo)).out);
    expect(after.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [3, 'enforced'],
      [4, 'enforced'],
      [5, 'guidance'],
    ]);
    const again = await runCmd(rulesCmd, ['--apply', '--yes'], repo);
    expect(again.out).toContain('Nothing to change');
  });

  it('edits package.json "harness" in place, keeping the rest of the file', async () => {
    const repo = makeRepo();
    repo.write('package.json', JSON.stringify({ name: 'x', version: '1.0.0', harness: { policies: {} } }, null, 4) + '\n');
    repo.write('AGENTS.md', '- Lint with eslint.\n');
    const r = await runCmd(rulesCmd, ['--apply', '--yes'], repo);
    expect(r.code, r.err).toBe(0);
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.name).toBe('x');
    expect(pkg.harness.policies.commands.tasks['*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}']).toBe('eslint');
    expect(repo.read('package.json')).toMatch(/^ {4}"name"/m);
  });

  it('reports a rule the config explicitly turns off as a conflict', async () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', '{ "policies": { "commands": false } }\n');
    repo.write('AGENTS.md', '- Lint with eslint.\n');
    const r = await runCmd(rulesCmd, [], repo);
    expect(r.out).toContain('in conflict with the config — commands is turned off (in .harnessrc.json)');
    const j = JSON.parse((await runCmd(rulesCmd, ['--format', 'json'], repo)).out);
    expect(j.rows[0].status).toBe('conflict');
  });

  it('rulesToConfig returns the patch with sources and the table (for init --from-agents-md)', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# x\n\nNever commit to main. Lint with eslint.\n');
    const { patch, table } = await rulesToConfig(repo.dir);
    const pol = (patch as { policies: Record<string, Record<string, unknown>> }).policies;
    expect(pol.commands).toMatchObject({
      enabled: true,
      tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'eslint' },
      sources: { tasks: { file: 'AGENTS.md', line: 3, text: 'Lint with eslint.' } },
    });
    // Only policies this build knows are in the patch (a config naming an unknown policy would not load).
    for (const id of Object.keys(pol)) expect(getPolicy(id), id).toBeDefined();
    if (getPolicy('branches')) expect(pol.branches).toMatchObject({ protected: expect.arrayContaining(['main']), sources: { protected: { line: 3, text: 'Never commit to main.' } } });
    expect(table.map((r) => [r.line, r.text, r.policies.map((p) => p.policy)])).toEqual([
      [3, 'Never commit to main.', ['branches']],
      [3, 'Lint with eslint.', ['commands']],
    ]);
    // The patch merged into a config loads.
    const loaded = await loadConfig(repo.dir, { raw: patch as Record<string, unknown> });
    expect(loaded.config.policies.commands?.enabled).toBe(true);
  });
});

describe('traceability', () => {
  it('a finding from a policy configured from AGENTS.md quotes the sentence and its file:line', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Team rules\n\n- Lint with eslint.\n');
    expect((await runCmd(rulesCmd, ['--apply', '--yes'], repo)).code).toBe(0);
    repo.write('a.js', 'let x = 1\n');
    repo.git(['add', 'a.js']);
    const out = await preCommit(repo); // eslint is not installed in the temp repo: the task fails
    const f = out.findings.find((x) => x.policy === 'commands');
    expect(f, JSON.stringify(out.findings)).toBeDefined();
    expect(f!.source).toEqual({ file: 'AGENTS.md', line: 3, text: 'Lint with eslint.' });
    expect(out.exitCode).toBe(1);
  });

  it('commit-message findings quote their sentences (format and each trailer)', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n\n- Use Conventional Commits.\n- Agents must add an `Assisted-by` trailer to every commit.\n');
    expect((await runCmd(rulesCmd, ['--apply', '--yes'], repo)).code).toBe(0);
    repo.write('a.txt', 'a\n');
    repo.git(['add', '-A']);
    repo.write('MSG', 'added a file\n');
    const info = await readRepoInfo(repo.dir, repo.env);
    const loaded = await loadConfig(info.root);
    const env = { ...repo.env, CLAUDECODE: '1' };
    const out = await runHook({ hook: 'commit-msg', repo: info, loaded, env, messageFile: join(repo.dir, 'MSG'), buildChange: () => stagedChangeSet(info, { env }) });
    const cites = out.findings.filter((x) => x.policy === 'commit-message').map((x) => [x.rule, x.source?.line]);
    expect(cites).toEqual([
      ['conventional', 3],
      ['trailer', 4],
    ]);
  });

  it('when several sentences feed one key, each finding quotes the sentence behind its value', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n\n- Never commit .env files.\n- Never commit `dist/`.\n- Don\'t commit focused tests (`.only`).\n- Keep `*.sqlite` files out of git.\n');
    expect((await runCmd(rulesCmd, ['--apply', '--yes'], repo)).code).toBe(0);
    repo.write('.env', 'A=1\n');
    repo.write('dist/x.js', 'x\n');
    repo.git(['add', '-A']);
    const out = await preCommit(repo);
    const cites = out.findings.filter((x) => x.policy === 'paths').map((x) => [x.file, x.source?.line, x.source?.text]);
    expect(cites).toEqual(
      expect.arrayContaining([
        ['.env', 3, 'Never commit .env files.'],
        ['dist/x.js', 4, 'Never commit `dist/`.'],
      ]),
    );
    expect(cites).toHaveLength(2);
  });
});

describe('sync and the agents-md policy', () => {
  it('writes the block, is idempotent, never touches text outside the markers, and --check tells stale from fresh', async () => {
    const repo = makeRepo();
    const before = '# Our rules\r\n\r\n- Never commit to main.\r\n';
    const afterText = '\r\n## Appendix\r\nkept as is\r\n';
    repo.write('AGENTS.md', before);
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": true } }\n');
    const r1 = await runCmd(syncCmd, [], repo);
    expect(r1.code, r1.err).toBe(0);
    const t1 = repo.read('AGENTS.md');
    expect(t1.startsWith(before)).toBe(true);
    expect(t1).toContain('<!-- harness-hooks:begin');
    expect(t1).toContain('\r\n- agents-md (pre-commit): ');
    expect(t1).not.toMatch(/[^\r]\n/); // CRLF kept throughout
    repo.write('AGENTS.md', t1 + afterText);
    const r2 = await runCmd(syncCmd, [], repo);
    expect(r2.out).toContain('already up to date');
    expect(repo.read('AGENTS.md')).toBe(t1 + afterText);
    expect((await runCmd(syncCmd, ['--check'], repo)).code).toBe(0);

    // The config changes: the block is stale.
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": true, "commands": { "enabled": true, "tasks": { "*.js": "eslint" } } } }\n');
    const stale = await runCmd(syncCmd, ['--check'], repo);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('+ - commands (pre-commit): `eslint` on *.js');
    expect(stale.err).toContain('Fix: npx harness-hooks sync');
    expect((await runCmd(syncCmd, [], repo)).code).toBe(0);
    const t3 = repo.read('AGENTS.md');
    expect(t3.startsWith(before)).toBe(true);
    expect(t3.endsWith(afterText)).toBe(true);
    expect(t3).toContain('- commands (pre-commit): `eslint` on *.js');
  });

  it('blocks a commit at pre-commit while the staged block is stale, and passes after sync', async () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": true } }\n');
    repo.write('AGENTS.md', '# Rules\n');
    expect((await runCmd(syncCmd, [], repo)).code).toBe(0);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'sync']);

    // The config turns on another policy but AGENTS.md is not re-synced.
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": { "enabled": true }, "commands": { "enabled": true, "tasks": {} } } }\n');
    repo.git(['add', '.harnessrc.json']);
    const blocked = await preCommit(repo);
    const f = blocked.findings.find((x) => x.policy === 'agents-md');
    expect(f?.rule).toBe('drift');
    expect(f?.fix).toContain('npx harness-hooks sync');
    expect(f?.message).toContain('+ - commands (pre-commit): no commands configured');
    expect(blocked.exitCode).toBe(1);

    expect((await runCmd(syncCmd, [], repo)).code).toBe(0);
    const unstaged = await preCommit(repo); // synced on disk but not staged: still stale in the index
    expect(unstaged.exitCode).toBe(1);
    repo.git(['add', 'AGENTS.md']);
    const ok = await preCommit(repo);
    expect(ok.findings.filter((x) => x.policy === 'agents-md')).toEqual([]);
    expect(ok.exitCode).toBe(0);
  });

  it('blockOnDrift: false reports a warning without blocking; a repo without a block is not nagged', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n');
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": { "enabled": true, "blockOnDrift": false } } }\n');
    repo.git(['add', '-A']);
    expect((await preCommit(repo)).findings).toEqual([]);
    repo.write('AGENTS.md', '# Rules\n\n<!-- harness-hooks:begin -->\n- stale\n<!-- harness-hooks:end -->\n');
    repo.git(['add', '-A']);
    const out = await preCommit(repo);
    expect(out.findings[0]?.severity).toBe('warning');
    expect(out.exitCode).toBe(0);
  });

  it('a broken marker is a usage error, not a stack trace', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n<!-- harness-hooks:begin -->\n- x\n');
    const r = await runCmd(syncCmd, [], repo);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2 opens the harness-hooks block/);
  });
});

describe('rules --suggest', () => {
  it('without a key says so and exits 0', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '- Run the linter on every staged TypeScript file.\n');
    const r = await runCmd(rulesCmd, ['--suggest'], repo, { ANTHROPIC_API_KEY: '' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('ANTHROPIC_API_KEY is not set');
  });

  it('asks a Messages API server through the SDK, validates proposals, and writes only with --write', async () => {
    const requests: Array<{ url?: string; headers: IncomingMessage['headers']; body: { model: string; messages: Array<{ content: string }>; system: string } }> = [];
    const server: Server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const body = JSON.parse(data);
        requests.push({ url: req.url, headers: req.headers, body });
        const proposals = {
          proposals: [
            { index: 1, policy: 'commands', config: { tasks: { '*.ts': 'eslint' } }, reason: 'lint staged TypeScript' },
            { index: 2, policy: 'commands', config: { bogus: true } },
            { index: 2, policy: 'not-a-policy', config: {} },
          ],
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_test_1',
            type: 'message',
            role: 'assistant',
            model: body.model,
            content: [{ type: 'text', text: 'Here you go:\n```json\n' + JSON.stringify(proposals) + '\n```' }],
            stop_reason: 'end_turn',
            stop_sequence: null,
            usage: { input_tokens: 10, output_tokens: 20 },
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const repo = makeRepo();
      repo.write('AGENTS.md', '# Rules\n\n- Run the linter on every staged TypeScript file.\n- Keep the docs friendly.\n- Never commit to main.\n');
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` };
      const r = await runCmd(rulesCmd, ['--suggest', '--model', 'claude-test'], repo, env);
      expect(r.code, r.err).toBe(0);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.url).toBe('/v1/messages');
      const h = requests[0]!.headers;
      expect(h['x-api-key'] === 'sk-ant-test-key' || h.authorization === 'Bearer sk-ant-test-key', JSON.stringify(h)).toBe(true);
      expect(requests[0]!.body.model).toBe('claude-test');
      const asked = requests[0]!.body.messages[0]!.content;
      expect(asked).toContain('1. AGENTS.md:3: Run the linter on every staged TypeScript file.');
      expect(asked).not.toContain('Never commit to main'); // the catalog recognised it: not sent
      expect(r.out).toContain('-> commands: {"tasks":{"*.ts":"eslint"}}');
      expect(r.out).toMatch(/rejected AGENTS.md:4: invalid commands config/);
      expect(r.out).toContain('"not-a-policy" is not a policy');
      expect(r.out).toContain('Not written');
      expect(existsSync(join(repo.dir, '.harnessrc.json'))).toBe(false);

      const w = await runCmd(rulesCmd, ['--suggest', '--write'], repo, env);
      expect(w.code, w.err).toBe(0);
      const cfg = JSON.parse(readFileSync(join(repo.dir, '.harnessrc.json'), 'utf8'));
      expect(cfg.policies.commands.tasks).toEqual({ '*.ts': 'eslint' });
      expect(cfg.policies.commands.sources.tasks).toEqual({ file: 'AGENTS.md', line: 3, text: 'Run the linter on every staged TypeScript file.' });
      expect(JSON.stringify(cfg)).not.toContain('sk-ant');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('rules --apply --format json', () => {
  it('prints one JSON document on stdout (the diff goes to stderr) and reports whether it wrote', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '- Lint with eslint.\n');
    const dry = await runCmd(rulesCmd, ['--apply', '--format', 'json'], repo);
    expect(JSON.parse(dry.out)).toMatchObject({ file: '.harnessrc.json', changed: true, written: false });
    expect(dry.err).toContain('Change to .harnessrc.json');
    const wet = await runCmd(rulesCmd, ['--apply', '--yes', '--format', 'json'], repo);
    expect(JSON.parse(wet.out)).toMatchObject({ written: true });
    expect(existsSync(join(repo.dir, '.harnessrc.json'))).toBe(true);
  });

  it('never rewrites a YAML config: prints the fragment to merge instead', async () => {
    const repo = makeRepo();
    repo.write('.harnessrc.yml', 'policies:\n  commands: true\n');
    repo.write('AGENTS.md', '- Lint with eslint.\n');
    const r = await runCmd(rulesCmd, ['--apply', '--yes'], repo);
    expect(r.code).toBe(0);
    expect(r.out).toContain('.harnessrc.yml is not JSON, so it is not rewritten');
    expect(repo.read('.harnessrc.yml')).toBe('policies:\n  commands: true\n');
  });
});

describe('rules --path', () => {
  it('shows only what an agent working on that path reads, with the size against the limit', async () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '- Never commit to main.\n');
    repo.write('packages/api/AGENTS.md', '- Never commit `*.sqlite` files.\n');
    repo.write('packages/web/AGENTS.md', '- Never touch `public/`.\n');
    const r = await runCmd(rulesCmd, ['--path', 'packages/api/src/index.ts', '--format', 'json'], repo);
    const j = JSON.parse(r.out);
    expect(j.files).toEqual(['AGENTS.md', 'packages/api/AGENTS.md']);
    expect(j.rows.map((x: { file: string }) => x.file)).toEqual(['AGENTS.md', 'packages/api/AGENTS.md']);
    expect(j.warnings[0]).toMatch(/^For packages\/api\/src\/index\.ts: an agent reads AGENTS\.md, packages\/api\/AGENTS\.md \(\d+ of 32768 bytes\)\.$/);
    const outside = await runCmd(rulesCmd, ['--path', '../x'], repo).catch((e) => e);
    expect(String(outside)).toMatch(/--path must be inside the repository/);
  });
});
