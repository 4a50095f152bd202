// Shared scratch setup for the benchmarks: a throwaway HOME with a fixed git identity, an
// environment without harness or agent variables (so agent detection and skips do not change what
// is measured), and a git runner that fails loudly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function benchEnv(extraGitconfig = '') {
  const home = mkdtempSync(join(tmpdir(), 'hh-bench-home-'));
  writeFileSync(join(home, '.gitconfig'), `[user]\n\tname = Bench\n\temail = bench@example.com\n${extraGitconfig}`);
  const env = { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^(HARNESS_|GIT_DIR|GIT_INDEX|CLAUDE|CODEX|CURSOR|GEMINI|AIDER|COPILOT|OPENCODE|AMP_|AI_AGENT)/.test(k)) delete env[k];
  return { home, env };
}

/** git in `dir`: returns stdout, throws with git's stderr on failure. */
export function gitIn(dir, env) {
  return (...a) => {
    const r = spawnSync('git', a, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
}
