#!/usr/bin/env node
/**
 * `npm run demo`: build, pack, install the tarball into a scratch repo, run `init`, and show the hooks
 * at work: a blocked commit and a passing one, then the same in a fresh linked worktree (with no
 * install there), then doctor. Exits non-zero if anything does not behave as shown.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);
const step = (s) => console.log(`\n${bold('== ' + s)}`);

const work = mkdtempSync(join(tmpdir(), 'harness-demo-'));
const home = mkdtempSync(join(tmpdir(), 'harness-demo-home-'));
writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Demo Dev\n\temail = demo@example.com\n[init]\n\tdefaultBranch = main\n');
const env = { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' };
for (const k of Object.keys(env)) if (/^(HARNESS_|CLAUDE|CODEX|CURSOR|GEMINI|GIT_DIR|GIT_INDEX)/.test(k)) delete env[k];
const repo = join(work, 'shop');
const wt = join(work, 'shop-agent-task');
let failed = false;

function sh(cmd, args, cwd = repo, extraEnv = {}) {
  console.log(`$ ${[cmd, ...args].map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd();
  if (out) console.log(out.split('\n').map((l) => '  ' + l).join('\n'));
  return r;
}
function expectExit(r, want, what) {
  const ok = want === 0 ? r.status === 0 : r.status !== 0;
  console.log(ok ? `  -> ${what}` : `  !! expected ${what}, got exit ${r.status}`);
  if (!ok) failed = true;
}

step('Build and pack harness-hooks');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
const tgz = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
console.log(`  packed ${tgz}`);

step('A scratch repo with an AGENTS.md, and harness-hooks installed from the tarball');
execFileSync('git', ['init', '-q', repo], { env });
writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true }, null, 2) + '\n');
writeFileSync(join(repo, 'AGENTS.md'), '# Rules for agents\n\n- Never commit secrets or .env files.\n- Never commit directly to main.\n- Keep PRs under 400 lines.\n');
writeFileSync(join(repo, 'index.js'), "console.log('shop');\n");
sh('git', ['add', '.']);
sh('git', ['commit', '-q', '-m', 'chore: start the shop']);
sh('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', tgz]);
const hh = join(repo, 'node_modules', '.bin', 'harness-hooks');

step('npx harness-hooks init');
expectExit(sh(hh, ['init', '--preset', 'recommended']), 0, 'installed');
sh('git', ['add', '.harnessrc.json', 'package.json', 'package-lock.json']);
sh('git', ['checkout', '-q', '-b', 'feature/payments']);
expectExit(sh('git', ['commit', '-q', '-m', 'chore: add harness-hooks']), 0, 'commit passes');

step('A commit that leaks a key and an .env file is blocked');
// Built at run time so no realistic key is ever committed to this repository.
const fakeKey = 'sk_' + 'live_' + 'Zq8Rt2Lm4Np6Vx9Kc3Bd7Fh1';
writeFileSync(join(repo, 'pay.js'), `const stripe = require('stripe')('${fakeKey}');\n`);
writeFileSync(join(repo, '.env'), 'DATABASE_URL=postgres://shop:' + 'Tr0ub4dor' + '-demo@db.internal/shop\n');
sh('git', ['add', 'pay.js', '.env']);
expectExit(sh('git', ['commit', '-m', 'feat: payments']), 1, 'blocked, with rule, file:line, fix and waiver');

step('Fixed: the key comes from the environment, .env stays out');
writeFileSync(join(repo, 'pay.js'), "const stripe = require('stripe')(process.env.STRIPE_KEY);\n");
sh('git', ['rm', '-q', '--cached', '.env']);
rmSync(join(repo, '.env'));
sh('git', ['add', 'pay.js']);
expectExit(sh('git', ['commit', '-m', 'feat: payments']), 0, 'commit passes');

step('A fresh linked worktree (no npm install there) is guarded too');
sh('git', ['worktree', 'add', '-q', wt, '-b', 'agent/refund']);
writeFileSync(join(wt, 'refund.js'), `const key = '${fakeKey}';\n`);
sh('git', ['add', 'refund.js'], wt);
expectExit(sh('git', ['commit', '-m', 'feat: refunds'], wt, { CLAUDECODE: '1' }), 1, 'blocked in the worktree too');
writeFileSync(join(wt, 'refund.js'), "const key = process.env.STRIPE_KEY;\n");
sh('git', ['add', 'refund.js'], wt);
expectExit(sh('git', ['commit', '-m', 'feat: refunds', '-m', 'Assisted-by: claude-code'], wt, { CLAUDECODE: '1' }), 0, 'commit passes');

step('doctor proves the hooks run in both worktrees (also with a GUI client\'s bare PATH)');
expectExit(sh(hh, ['doctor']), 0, 'hooks will run');

step('The handoff written after the last commit');
try {
  const handoff = readFileSync(join(wt, '.harness', 'HANDOFF.md'), 'utf8');
  console.log(handoff.split('\n').slice(0, 30).map((l) => '  ' + l).join('\n'));
} catch {
  console.log('  (no handoff file)');
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`\nKept the demo at ${work}`);
rmSync(home, { recursive: true, force: true });
console.log(failed ? '\nDEMO FAILED: something did not behave as shown above.' : '\nDemo finished: every step behaved as shown.');
process.exit(failed ? 1 : 0);
