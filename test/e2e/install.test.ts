/**
 * Install paths through the packed tarball, and hooks that cannot silently stop. Every test drives
 * real git in a temporary repository.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, cleanupAll, makeRepo, tempDir, type Repo } from '../helpers/repo.js';
import { addInstalledPackage, installedCli, npm, tarball } from '../helpers/install.js';

afterAll(cleanupAll);

function hh(repo: Repo, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [installedCli(repo), ...args], {
    cwd: opts.cwd ?? repo.dir,
    env: { ...repo.env, ...opts.env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A config whose pre-commit blocks any staged *.bad file through the commands policy. */
function blockBadFiles(repo: Repo) {
  repo.write('.harnessrc.json', JSON.stringify({ policies: { commands: { enabled: true, tasks: { '*.bad': 'node -e "process.exit(1)"' } } } }, null, 2));
  repo.git(['add', '.harnessrc.json']);
}

function hooksDir(repo: Repo) {
  return join(repo.dir, '.git', 'hooks');
}

function dirState(dir: string): string {
  if (!existsSync(dir)) return '<none>';
  return readdirSync(dir)
    .sort()
    .map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`)
    .join('\n===\n');
}

describe('init in an npm repository (packed tarball)', () => {
  it('installs with npm from the tarball, adds prepare, writes config, and the hooks run on commit', () => {
    const repo = makeRepo();
    writeFileSync(join(repo.dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2));
    npm(['install', '--save-dev', tarball()], repo.dir, repo.env);
    const r = hh(repo, ['init']);
    expect(r.status, r.out).toBe(0);
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.devDependencies['harness-hooks']).toMatch(/harness-hooks.*\.tgz$/);
    expect(pkg.scripts.prepare).toContain("import('harness-hooks/prepare')");
    const cfg = JSON.parse(repo.read('.harnessrc.json'));
    expect(cfg.extends).toBe('harness-hooks/recommended');
    expect(cfg.$schema).toBe('./node_modules/harness-hooks/schema.json');
    expect(existsSync(join(repo.dir, 'node_modules/harness-hooks/schema.json'))).toBe(true);
    for (const h of ['pre-commit', 'commit-msg', 'pre-push', 'post-commit']) {
      expect(readFileSync(join(hooksDir(repo), h), 'utf8')).toContain('# harness-hooks: ');
    }
    expect(repo.read('.git/info/exclude')).toContain('.harness/');

    blockBadFiles(repo);
    repo.write('x.bad', 'nope\n');
    repo.git(['add', 'x.bad']);
    const blocked = repo.tryGit(['commit', '-m', 'add bad file']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('harness-hooks pre-commit: blocked');
    expect(blocked.stderr).toContain('commands');
    repo.git(['rm', '-q', '--cached', 'x.bad']);
    repo.write('ok.txt', 'fine\n');
    repo.git(['add', 'ok.txt', 'package.json']);
    const ok = repo.tryGit(['commit', '-m', 'add ok file']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('harness-hooks pre-commit: passed');
  });

  it('the prepare script re-arms the hooks after a fresh clone, and does nothing in CI', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    rmSync(join(hooksDir(repo), 'pre-commit'));
    const prepare = JSON.parse(repo.read('package.json')).scripts.prepare as string;
    const ci = spawnSync('sh', ['-c', prepare], { cwd: repo.dir, env: { ...repo.env, CI: 'true' }, encoding: 'utf8' });
    expect(ci.status).toBe(0);
    expect(ci.stdout).toContain('CI detected');
    expect(existsSync(join(hooksDir(repo), 'pre-commit'))).toBe(false);
    const local = spawnSync('sh', ['-c', prepare], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(local.status, local.stderr).toBe(0);
    expect(readFileSync(join(hooksDir(repo), 'pre-commit'), 'utf8')).toContain('# harness-hooks: ');
    // Production install without the package: prepare says so and does not fail the install.
    rmSync(join(repo.dir, 'node_modules'), { recursive: true, force: true });
    const prod = spawnSync('sh', ['-c', prepare], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(prod.status).toBe(0);
    expect(prod.stdout).toContain('not installed');
  });
});

describe('init idempotence, dry-run, uninstall', () => {
  it('a second init changes nothing', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    const before = [dirState(hooksDir(repo)), repo.read('package.json'), repo.read('.harnessrc.json'), repo.read('.git/info/exclude'), repo.git(['config', '--list', '--local'])];
    const again = hh(repo, ['init']);
    expect(again.status).toBe(0);
    expect(again.out).toContain('nothing changed');
    const after = [dirState(hooksDir(repo)), repo.read('package.json'), repo.read('.harnessrc.json'), repo.read('.git/info/exclude'), repo.git(['config', '--list', '--local'])];
    expect(after).toEqual(before);
  });

  it('--dry-run prints the plan and writes nothing', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    const before = [dirState(hooksDir(repo)), repo.read('package.json'), repo.git(['config', '--list', '--local'])];
    const r = hh(repo, ['init', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('write hook .git/hooks/pre-commit');
    expect(r.out).toContain('scripts.prepare');
    expect([dirState(hooksDir(repo)), repo.read('package.json'), repo.git(['config', '--list', '--local'])]).toEqual(before);
    expect(existsSync(join(repo.dir, '.harnessrc.json'))).toBe(false);
  });

  it('keeps a foreign hook running (chained) and uninstall restores it byte for byte', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    const foreign = '#!/bin/sh\necho foreign-ran >> "$(git rev-parse --show-toplevel)/foreign.log"\n';
    writeFileSync(join(hooksDir(repo), 'pre-commit'), foreign, { mode: 0o755 });
    expect(hh(repo, ['init']).status).toBe(0);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status, c.stderr).toBe(0);
    expect(repo.read('foreign.log')).toBe('foreign-ran\n');
    expect(c.stderr).toContain('harness-hooks pre-commit: passed');
    const u = hh(repo, ['uninstall']);
    expect(u.status).toBe(0);
    expect(readFileSync(join(hooksDir(repo), 'pre-commit'), 'utf8')).toBe(foreign);
    expect(existsSync(join(hooksDir(repo), 'commit-msg'))).toBe(false);
    expect(JSON.parse(repo.read('package.json')).scripts?.prepare).toBeUndefined();
  });

  it('a failing foreign hook still blocks the commit', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    writeFileSync(join(hooksDir(repo), 'pre-commit'), '#!/bin/sh\necho legacy says no >&2\nexit 7\n', { mode: 0o755 });
    expect(hh(repo, ['init']).status).toBe(0);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('legacy says no');
  });
});

describe('coexisting with husky', () => {
  it('pre-existing husky hooks keep running, also in a fresh worktree, and uninstall gives husky its hooksPath back', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    // A real husky v9 setup: `husky init` writes .husky/pre-commit and sets core.hooksPath=.husky/_.
    const husky = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'husky', 'bin.js'), 'init'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(husky.status, husky.stderr + husky.stdout).toBe(0);
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.husky/_');
    writeFileSync(join(repo.dir, '.husky', 'pre-commit'), 'echo husky-ran >> husky.log\n');
    repo.git(['add', '.husky/pre-commit', 'package.json']);
    repo.git(['commit', '-q', '-m', 'husky setup']);
    expect(repo.read('husky.log')).toBe('husky-ran\n');
    rmSync(join(repo.dir, 'husky.log'));

    const r = hh(repo, ['init']);
    expect(r.status, r.out).toBe(0);
    expect(repo.tryGit(['config', '--local', 'core.hooksPath']).stdout.trim()).toBe('');
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).not.toMatch(/(^|&& )husky( |$)/);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status, c.stderr).toBe(0);
    expect(repo.read('husky.log')).toBe('husky-ran\n');
    expect(c.stderr).toContain('harness-hooks pre-commit: passed');

    // In a fresh linked worktree (where husky's .husky/_ does not exist) both still run.
    const wt = join(tempDir('hh-wt-'), 'wt');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'feature']);
    writeFileSync(join(wt, 'b.txt'), 'b\n');
    repo.git(['add', 'b.txt'], { cwd: wt });
    const w = repo.tryGit(['commit', '-m', 'b'], { cwd: wt });
    expect(w.status, w.stderr).toBe(0);
    expect(readFileSync(join(wt, 'husky.log'), 'utf8')).toBe('husky-ran\n');
    expect(w.stderr).toContain('harness-hooks pre-commit: passed');

    expect(hh(repo, ['uninstall']).status).toBe(0);
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.husky/_');
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).toBe('husky');
  });
});

describe('hooks in linked worktrees', () => {
  it('a commit in a fresh `git worktree add` checkout runs the policies with no install there', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    blockBadFiles(repo);
    repo.git(['commit', '-q', '-m', 'config']);
    const wt = join(tempDir('hh-wt-'), 'wt');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'agent-task']);
    expect(existsSync(join(wt, 'node_modules'))).toBe(false);
    writeFileSync(join(wt, 'y.bad'), 'bad\n');
    repo.git(['add', 'y.bad'], { cwd: wt });
    const c = repo.tryGit(['commit', '-m', 'bad in worktree'], { cwd: wt });
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('harness-hooks pre-commit: blocked');
  });

  it('the same holds when the worktree node_modules is a symlink to the main one', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    blockBadFiles(repo);
    repo.git(['commit', '-q', '-m', 'config']);
    const wt = join(tempDir('hh-wt-'), 'wt');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'agent-task']);
    symlinkSync(join(repo.dir, 'node_modules'), join(wt, 'node_modules'));
    writeFileSync(join(wt, 'y.bad'), 'bad\n');
    repo.git(['add', 'y.bad'], { cwd: wt });
    const c = repo.tryGit(['commit', '-m', 'bad'], { cwd: wt });
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('blocked');
  });

  it('with a worktree-scoped core.hooksPath, hooks also land where git looks for that worktree', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    repo.git(['config', 'extensions.worktreeConfig', 'true']);
    repo.git(['config', '--worktree', 'core.hooksPath', '.wt-hooks']);
    mkdirSync(join(repo.dir, '.wt-hooks'));
    expect(hh(repo, ['init']).status).toBe(0);
    const where = repo.git(['rev-parse', '--path-format=absolute', '--git-path', 'hooks']).trim();
    expect(readFileSync(join(where, 'pre-commit'), 'utf8')).toContain('# harness-hooks: ');
    expect(hh(repo, ['doctor']).status).toBe(0);
  });
});

describe('fail closed', () => {
  it('blocks with a fix when the binary is gone (node_modules deleted)', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    rmSync(join(repo.dir, 'node_modules'), { recursive: true, force: true });
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('BLOCKED: the checks cannot run');
    expect(c.stderr).toContain('npm install');
    // The documented emergency switch lets it through, loudly.
    const e = repo.tryGit(['commit', '-m', 'a'], { env: { HARNESS_EMERGENCY: 'registry down, hotfix INC-42' } });
    expect(e.status).toBe(0);
    expect(e.stderr).toContain('EMERGENCY SKIP');
  });

  it('under env -i with a bare PATH, the hook runs through the node path recorded at init', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    blockBadFiles(repo);
    // A PATH with git and the shell tools a hook needs, but no node (like a GUI client's).
    const bin = tempDir('hh-bin-');
    for (const tool of ['git', 'sh', 'cat', 'mktemp', 'rm', 'dirname']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      symlinkSync(found, join(bin, tool));
    }
    const env = { PATH: bin, HOME: repo.home, GIT_CONFIG_GLOBAL: repo.env.GIT_CONFIG_GLOBAL!, GIT_CONFIG_NOSYSTEM: '1' };
    repo.write('z.bad', 'bad\n');
    repo.git(['add', 'z.bad']);
    const r = spawnSync('git', ['commit', '-m', 'bad'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('harness-hooks pre-commit: blocked');
    // And when that recorded node is gone too, it fails closed and says why.
    const hook = join(hooksDir(repo), 'pre-commit');
    writeFileSync(hook, readFileSync(hook, 'utf8').replace(/^recorded_node=.*$/m, 'recorded_node="/nonexistent/node"'));
    chmodSync(hook, 0o755);
    const r2 = spawnSync('git', ['commit', '-m', 'bad'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toContain('node is not on PATH');
  });

  it('an invalid config blocks the commit with exit 2 naming the file and key path', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    repo.write('.harnessrc.json', JSON.stringify({ policies: { commands: { enabled: true, taks: {} } } }));
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt', '.harnessrc.json']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status).not.toBe(0); // git reports any failed hook as 1; the hook itself exits 2
    expect(c.stderr).toContain('invalid config in .harnessrc.json');
    expect(c.stderr).toContain('policies.commands.taks');
    expect(c.stderr).toContain('Did you mean "tasks"?');
    expect(c.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
    const run = hh(repo, ['run', 'pre-commit']);
    expect(run.status).toBe(2);
    expect(run.out).toContain('policies.commands.taks');
    expect(hh(repo, ['config']).status).toBe(2);
  });
});

describe('where init runs', () => {
  it('from a subdirectory it finds the repo root', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    mkdirSync(join(repo.dir, 'src', 'deep'), { recursive: true });
    const r = hh(repo, ['init'], { cwd: join(repo.dir, 'src', 'deep') });
    expect(r.status, r.out).toBe(0);
    expect(existsSync(join(repo.dir, '.harnessrc.json'))).toBe(true);
    expect(readFileSync(join(hooksDir(repo), 'pre-commit'), 'utf8')).toContain('# harness-hooks: ');
    expect(repo.tryGit(['config', 'core.hooksPath']).stdout.trim()).toBe('');
  });

  it('without package.json it works and says how the hooks find the binary', () => {
    const repo = makeRepo();
    const r = repo.cli(['init']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('No package.json here');
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toContain('harness-hooks pre-commit: passed');
  });

  it('refuses outside a git repository and in a bare repository, writing nothing', () => {
    const outside = tempDir('hh-plain-');
    const home = tempDir('hh-home-');
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness-hooks.js'), 'init'], { cwd: outside, env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: outside }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not inside a git repository');
    expect(readdirSync(outside)).toEqual([]);
    const bare = makeRepo({ bare: true });
    const before = dirState(join(bare.dir, 'hooks'));
    const b = bare.cli(['init']);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('bare');
    expect(dirState(join(bare.dir, 'hooks'))).toBe(before);
    expect(existsSync(join(bare.dir, 'harness'))).toBe(false);
  });

  it('never writes global git config, and doctor warns about a global core.hooksPath', () => {
    const repo = makeRepo();
    const globalHooks = tempDir('hh-global-hooks-');
    writeFileSync(join(globalHooks, 'pre-commit'), '#!/bin/sh\necho global-ran >> "$(git rev-parse --show-toplevel)/global.log"\n', { mode: 0o755 });
    repo.git(['config', '--global', 'core.hooksPath', globalHooks]);
    const globalBefore = readFileSync(repo.env.GIT_CONFIG_GLOBAL!, 'utf8');
    const r = repo.cli(['init']);
    expect(r.status, r.output).toBe(0);
    expect(readFileSync(repo.env.GIT_CONFIG_GLOBAL!, 'utf8')).toBe(globalBefore);
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = repo.tryGit(['commit', '-m', 'a']);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toContain('harness-hooks pre-commit: passed');
    expect(repo.read('global.log')).toBe('global-ran\n');
    const d = repo.cli(['doctor']);
    expect(d.output).toContain('global core.hooksPath');
  });
});

describe('doctor', () => {
  it('exits non-zero with a fix when core.hooksPath points to a missing directory or a hook is not executable', () => {
    const repo = makeRepo();
    expect(repo.cli(['init']).status).toBe(0);
    expect(repo.cli(['doctor']).status).toBe(0);
    chmodSync(join(hooksDir(repo), 'pre-push'), 0o644);
    const d1 = repo.cli(['doctor']);
    expect(d1.status).toBe(1);
    expect(d1.stdout).toContain('not executable');
    expect(d1.stdout).toContain('chmod +x');
    chmodSync(join(hooksDir(repo), 'pre-push'), 0o755);
    repo.git(['config', 'core.hooksPath', 'missing-dir']);
    const d2 = repo.cli(['doctor']);
    expect(d2.status).toBe(1);
    expect(d2.stdout).toContain('does not exist');
  });

  it('flags a bypass variable in the environment', () => {
    const repo = makeRepo();
    expect(repo.cli(['init']).status).toBe(0);
    const d = repo.cli(['doctor'], { env: { HARNESS_SKIP: 'secrets' } });
    expect(d.status).toBe(1);
    expect(d.stdout).toContain('HARNESS_SKIP');
  });
});

describe('presets', () => {
  it('a team preset installed from a local tarball applies, and the repo config can turn its policy off', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    // A team's shareable preset, packed and installed like any npm package.
    const presetSrc = tempDir('hh-preset-');
    writeFileSync(join(presetSrc, 'package.json'), JSON.stringify({ name: '@acme/harness-preset', version: '1.2.0', main: 'preset.json', files: ['preset.json'] }));
    writeFileSync(
      join(presetSrc, 'preset.json'),
      JSON.stringify({ extends: 'harness-hooks/recommended', policies: { commands: { enabled: true, tasks: { '*.bad': 'node -e "process.exit(1)"' } } }, waivers: { allowAgents: false } }),
    );
    const packDir = tempDir('hh-preset-pack-');
    npm(['pack', '--pack-destination', packDir], presetSrc, repo.env);
    const tgz = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
    npm(['install', '--save-dev', tgz], repo.dir, repo.env);
    repo.write('.harnessrc.json', JSON.stringify({ extends: '@acme/harness-preset' }));
    repo.git(['add', '.harnessrc.json', 'package.json']);
    repo.write('x.bad', 'bad\n');
    repo.git(['add', 'x.bad']);
    const blocked = repo.tryGit(['commit', '-m', 'bad']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('blocked');

    const cfg = JSON.parse(hh(repo, ['config', '--format', 'json']).out);
    expect(cfg.layers).toEqual(['harness-hooks/recommended', '@acme/harness-preset', '.harnessrc.json']);
    expect(cfg.origins['policies.commands.enabled']).toBe('@acme/harness-preset');
    expect(cfg.origins['waivers.allowAgents']).toBe('@acme/harness-preset');

    repo.write('.harnessrc.json', JSON.stringify({ extends: '@acme/harness-preset', policies: { commands: false } }));
    repo.git(['add', '.harnessrc.json']);
    const ok = repo.tryGit(['commit', '-m', 'bad but allowed']);
    expect(ok.status, ok.stderr).toBe(0);
    const cfg2 = JSON.parse(hh(repo, ['config', '--format', 'json']).out);
    expect(cfg2.config.policies.commands.enabled).toBe(false);
    expect(cfg2.origins['policies.commands.enabled']).toBe('.harnessrc.json');
  });

  it('at pre-commit the staged config is used when the config file has unstaged edits', () => {
    const repo = makeRepo();
    addInstalledPackage(repo);
    expect(hh(repo, ['init']).status).toBe(0);
    blockBadFiles(repo);
    repo.git(['commit', '-q', '-m', 'config']);
    // Unstaged edit that would turn the policy off: must not apply to this commit.
    repo.write('.harnessrc.json', JSON.stringify({ policies: { commands: false } }));
    repo.write('x.bad', 'bad\n');
    repo.git(['add', 'x.bad']);
    const c = repo.tryGit(['commit', '-m', 'bad']);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toContain('has unstaged edits; this commit is checked with the staged version');
  });
});
