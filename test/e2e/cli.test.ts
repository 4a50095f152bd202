/** CLI behaviour a user notices: exit codes, messages, pipes, `check` inputs, `config` origins. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanupAll, makeRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('cli', () => {
  it('--version, --help, unknown commands and bad options', () => {
    const repo = makeRepo();
    expect(repo.cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = repo.cli(['--help']);
    expect(help.status).toBe(0);
    for (const c of ['init', 'uninstall', 'run', 'check', 'doctor', 'config', 'scan', 'rules', 'sync', 'note', 'handoff', 'verify']) {
      expect(help.stdout).toContain(`  ${c}`);
      const h = repo.cli([c, '--help']);
      expect(h.status, c).toBe(0);
      expect(h.stdout, c).toMatch(/Usage: harness-hooks/);
    }
    const unknown = repo.cli(['chek']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Did you mean "check"?');
    const badOpt = repo.cli(['check', '--frobnicate']);
    expect(badOpt.status).toBe(2);
    expect(badOpt.stderr).toContain('Usage: harness-hooks check');
    expect(badOpt.stderr).not.toMatch(/\n\s+at /);
  });

  it('check on a missing path is an error, not a pass; paths are relative to the cwd', () => {
    const repo = makeRepo();
    const missing = repo.cli(['check', 'missing.ts']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file: missing.ts');
    mkdirSync(join(repo.dir, 'src'));
    repo.write('src/app.ts', 'const k = "AKIA' + 'Q4BNCVXRT7YLM2PD";\n');
    const r = repo.cli(['check', 'app.ts'], { cwd: join(repo.dir, 'src') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('harness-hooks check: blocked');
    expect(r.stderr).toContain('src/app.ts:1');
  });

  it('output piped into `head` ends quietly (no EPIPE stack trace)', () => {
    const repo = makeRepo();
    expect(repo.cli(['init', '--no-install']).status).toBe(0);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" config | head -1`], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stdout.split('\n')[0]).toContain('config file');
  });

  it('a YAML syntax error says what and where', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.yaml', 'policies:\n  size: [\n');
    const r = repo.cli(['config']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read \.harnessrc\.yaml: .*\S/);
    expect(r.stderr).toMatch(/line \d+|flow sequence|unexpected end/i);
  });

  it('config credits each value to the layer that set it, and defaults to "default"', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ extends: 'harness-hooks/recommended', policies: { size: { maxLines: 300 } } }));
    const r = repo.cli(['config', '--format', 'json']);
    expect(r.status).toBe(0);
    const { origins } = JSON.parse(r.stdout);
    expect(origins['policies.size.maxLines']).toBe('.harnessrc.json');
    expect(origins['policies.size.maxFiles']).toBe('harness-hooks/recommended');
    expect(origins['policies.size.severity']).toBe('default');
    expect(origins['policies.commands.enabled']).toBe('default');
    expect(origins['policies.secrets.enabled']).toBe('harness-hooks/recommended');
  });

  it('scan respects .gitignore by default, but scans a path you name even when it is ignored', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'vendor/\n');
    repo.write('vendor/lib/a.js', "const k = 'AKIA" + "Q4BNCVXRT7YLM2PD';\n");
    const all = repo.cli(['scan']);
    expect(all.status).toBe(0);
    const named = repo.cli(['scan', 'vendor/lib']);
    expect(named.status).toBe(1);
    expect(named.stdout + named.stderr).toContain('vendor/lib/a.js:1:12');
  });
});

describe('check before the first commit', () => {
  it('runs every policy (evidence included) without a crash in a repository with no commit', () => {
    const repo = makeRepo({ commit: false });
    repo.write('a.txt', 'hello\n');
    repo.git(['add', 'a.txt']);
    const r = repo.cli(['check']);
    expect(r.output).not.toMatch(/crashed|harness-hooks bug/);
    expect(r.status, r.output).toBe(0);
    expect(r.stderr).toContain('evidence');
  });
});
