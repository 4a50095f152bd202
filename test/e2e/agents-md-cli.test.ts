/**
 * Through the real binary and real hooks: `harness-hooks init` installs the hooks, `sync` writes the
 * block, and a `git commit` that changes the config without re-syncing AGENTS.md is blocked by the
 * agents-md policy with the fix command; after `sync` it goes through. Needs dist/ (npm test builds it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';

afterAll(() => cleanupAll());

describe('agents-md through git commit', () => {
  it('blocks a commit whose config change left the AGENTS.md block stale, and passes after sync', () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '# Rules\n\n- Never commit to main.\n');
    repo.write('.harnessrc.json', '{ "policies": { "agents-md": true } }\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'config']);
    const init = repo.cli(['init']);
    expect(init.status, init.output).toBe(0);
    expect(repo.cli(['sync']).status).toBe(0);
    repo.git(['add', 'AGENTS.md']);
    expect(repo.tryGit(['commit', '-q', '-m', 'sync block']).status).toBe(0);

    repo.write('.harnessrc.json', '{ "policies": { "agents-md": true, "commands": true } }\n');
    repo.git(['add', '.harnessrc.json']);
    const blocked = repo.tryGit(['commit', '-q', '-m', 'turn on commands']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('agents-md/drift');
    expect(blocked.output).toContain('npx harness-hooks sync');

    const check = repo.cli(['sync', '--check']);
    expect(check.status).toBe(1);
    expect(repo.cli(['sync']).status).toBe(0);
    repo.git(['add', 'AGENTS.md']);
    const ok = repo.tryGit(['commit', '-q', '-m', 'turn on commands']);
    expect(ok.status, ok.output).toBe(0);
    expect(repo.read('AGENTS.md')).toMatch(/^# Rules\n\n- Never commit to main\.\n\n<!-- harness-hooks:begin/);
  });

  it('rules --format json through the binary', () => {
    const repo = makeRepo();
    repo.write('AGENTS.md', '- Never use --no-verify.\n');
    const r = repo.cli(['rules', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows[0]).toMatchObject({ file: 'AGENTS.md', line: 1, text: 'Never use --no-verify.', policies: [{ policy: 'evidence', hooks: ['pre-push'] }] });
    const bad = repo.cli(['rules', '--format', 'yaml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
