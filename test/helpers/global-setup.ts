/**
 * Once per test run: make sure dist/ is built, and pack the tarball that install-path tests use.
 * The tarball path is handed to tests as HARNESS_TEST_TARBALL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './repo.js';

let packDir: string | undefined;

export async function setup({ provide }: { provide?: (k: string, v: unknown) => void } = {}) {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'cli', 'main.js'))) {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  packDir = mkdtempSync(join(tmpdir(), 'hh-pack-'));
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  process.env.HARNESS_TEST_TARBALL = join(packDir, tgz);
  provide?.('tarball', join(packDir, tgz));
}

export async function teardown() {
  if (packDir) rmSync(packDir, { recursive: true, force: true });
}
