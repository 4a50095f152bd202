/**
 * Install the packed tarball the way a user would (`npm install --save-dev <tarball>`), once per
 * test file, then give each test repo a copy of that node_modules so tests stay fast.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, type Repo } from './repo.js';

let template: string | undefined;

export function tarball(): string {
  const t = process.env.HARNESS_TEST_TARBALL;
  if (!t || !existsSync(t)) throw new Error('HARNESS_TEST_TARBALL is not set: run the tests through vitest (global setup packs the tarball)');
  return t;
}

export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd,
    env: { ...env, npm_config_update_notifier: 'false' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A directory where the tarball was installed with npm, for copying node_modules from. */
export function installedTemplate(env: NodeJS.ProcessEnv): string {
  if (template) return template;
  const dir = tempDir('hh-tpl-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tpl', version: '1.0.0', private: true }));
  npm(['install', '--save-dev', tarball()], dir, env);
  template = dir;
  return dir;
}

/** Give the repo a package.json listing harness-hooks and a node_modules with it installed. */
export function addInstalledPackage(repo: Repo, sub = ''): void {
  const tpl = installedTemplate(repo.env);
  const dir = join(repo.dir, sub);
  const pkgFile = join(dir, 'package.json');
  const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : { name: 'app', version: '1.0.0', private: true };
  pkg.devDependencies = { ...(pkg.devDependencies ?? {}), 'harness-hooks': JSON.parse(readFileSync(join(tpl, 'package.json'), 'utf8')).devDependencies['harness-hooks'] };
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  cpSync(join(tpl, 'node_modules'), join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}

/** Path of the installed CLI inside a repo (as `npx harness-hooks` would run it). */
export function installedCli(repo: Repo, sub = ''): string {
  return join(repo.dir, sub, 'node_modules', 'harness-hooks', 'bin', 'harness-hooks.js');
}
