/**
 * Called from a project's `prepare` script after every install: re-arms the hooks (hook files only).
 * In CI (CI=true) it does nothing, unless HARNESS_INSTALL_IN_CI=1. Never fails an install for a
 * reason other than a real install problem, which it reports.
 */
import { makeIO, reportError } from './main.js';

export default async function prepare(): Promise<void> {
  const env = process.env;
  if ((env.CI === 'true' || env.CI === '1') && env.HARNESS_INSTALL_IN_CI !== '1') {
    console.log('harness-hooks: CI detected, git hooks not installed (set HARNESS_INSTALL_IN_CI=1 to install them).');
    return;
  }
  const io = makeIO(env);
  try {
    const { readRepoInfo } = await import('../git/repo.js');
    try {
      await readRepoInfo(io.cwd, env);
    } catch {
      console.log('harness-hooks: not inside a git working tree; git hooks not installed.');
      return;
    }
    const init = (await import('./commands/init.js')).default;
    const code = await init.run({ values: { 'hooks-only': true, quiet: true, preset: 'recommended', format: 'text' }, positionals: [] }, io);
    if (code !== 0) process.exitCode = code;
  } catch (e) {
    process.exitCode = reportError(e, io, 'prepare');
  }
}
