// What the secrets policy adds to the pre-commit hook, for one or more builds.
//
// Two identical repos with the same 500-line change staged: one with `commands` only (so the change
// is still read from git), one with `commands` + `secrets`. Every round runs each build on both, in
// alternating order, so machine noise hits every configuration alike. Reported per build: the
// medians of wall time (hrtime around the process) and of in-process CPU (process.cpuUsage at exit,
// via --import, so git children are excluded), their difference, and the median of the per-round
// differences (on − off in the same round; the steadiest figure on a shared machine).
//
// usage: node bench/secrets/ab-staged.mjs RUNS [--real|--typical] [--json] label=/abs/bin/harness-hooks.js ...
//   default: a synthetic keyword-dense change (every line has `token`, `Authorization` or `https://`,
//   so each line makes rules run);
//   --real: 500 lines of this repository's own TypeScript (src/secrets/*.ts, in name order): code
//   that talks about tokens, secrets and keys all the time, with many rule families' keywords;
//   --typical: 500 lines of src/git/*.ts (ordinary code: spawning git, parsing its output).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';

const args = process.argv.slice(2);
const N = Number(args[0] ?? 21);
const real = args.includes('--real') ? 'secrets' : args.includes('--typical') ? 'git' : undefined;
const json = args.includes('--json');
const clis = args.slice(1).filter((a) => !a.startsWith('--')).map((s) => s.split('='));
if (!clis.length) clis.push(['this', new URL('../../bin/harness-hooks.js', import.meta.url).pathname]);

const tmp = join(tmpdir(), `hh-staged-ab-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
const CPU_HOOK = join(tmp, 'cpu-hook.mjs');
const CPU_OUT = join(tmp, 'cpu-out');
mkdirSync(tmp, { recursive: true });
writeFileSync(CPU_HOOK, "import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); appendFileSync(process.env.CPU_OUT, `${(u.user + u.system) / 1000}\\n`); });\n");

let lines = [];
if (real) {
  const src = new URL(`../../src/${real}/`, import.meta.url);
  for (const f of readdirSync(src).filter((f) => f.endsWith('.ts')).sort()) lines.push(...readFileSync(new URL(f, src), 'utf8').split('\n'));
  lines = lines.slice(0, 500);
} else {
  for (let i = 0; i < 500; i++)
    lines.push(
      i % 10 === 0
        ? `export function handler${i}(req: Request, token: string): Promise<Response> {`
        : `  const value${i} = await fetch(\`https://api.internal/v1/items/\${id}?page=${i}\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
    );
}

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmp, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const repos = {};
for (const on of [false, true]) {
  const dir = join(tmp, on ? 'on' : 'off');
  mkdirSync(join(dir, 'src'), { recursive: true });
  const git = (...a) => execFileSync('git', a, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), '# x\n');
  writeFileSync(join(dir, '.harnessrc.json'), JSON.stringify({ policies: { secrets: on, commands: true } }));
  git('add', '.');
  git('commit', '-qm', 'init');
  writeFileSync(join(dir, 'src', 'handlers.ts'), lines.join('\n') + '\n');
  git('add', '.');
  repos[on ? 'on' : 'off'] = dir;
}

const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const runOnce = (cli, dir) => {
  rmSync(CPU_OUT, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', CPU_HOOK, cli, 'run', 'pre-commit'], { cwd: dir, env: { ...env, CPU_OUT }, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cli} in ${dir}: exit ${r.status}\n${r.stderr}`);
  return { wall, cpu: Number(readFileSync(CPU_OUT, 'utf8').trim()) };
};

// Warm-up: fills each repo's validated-config cache and the page cache.
for (const [, cli] of clis) for (const dir of Object.values(repos)) runOnce(cli, dir);
const samples = Object.fromEntries(clis.map(([l]) => [l, { off: [], on: [], dWall: [], dCpu: [] }]));
const loads = [];
const t0 = [];
for (let i = 0; i < N; i++) {
  const order = i % 2 ? ['on', 'off'] : ['off', 'on'];
  for (const [l, cli] of clis) {
    const got = {};
    for (const k of order) got[k] = runOnce(cli, repos[k]);
    const s = samples[l];
    s.off.push(got.off);
    s.on.push(got.on);
    s.dWall.push(got.on.wall - got.off.wall);
    s.dCpu.push(got.on.cpu - got.off.cpu);
  }
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  t0.push(Number(process.hrtime.bigint() - t) / 1e6);
  loads.push(loadavg()[0]);
}

const out = { runs: N, change: real === 'secrets' ? 'real, keyword-heavy (src/secrets)' : real ? 'real, ordinary (src/git)' : 'synthetic keyword-dense', nodeE0: med(t0), load: [Math.min(...loads), Math.max(...loads)], builds: {} };
for (const [l] of clis) {
  const s = samples[l];
  const r = {
    wallOff: med(s.off.map((x) => x.wall)),
    wallOn: med(s.on.map((x) => x.wall)),
    cpuOff: med(s.off.map((x) => x.cpu)),
    cpuOn: med(s.on.map((x) => x.cpu)),
    addedWallPaired: med(s.dWall),
    addedCpuPaired: med(s.dCpu),
  };
  out.builds[l] = r;
  if (!json)
    console.log(
      `${l}: wall off ${r.wallOff.toFixed(1)} on ${r.wallOn.toFixed(1)} added ${(r.wallOn - r.wallOff).toFixed(1)} (paired ${r.addedWallPaired.toFixed(1)}) | ` +
        `cpu off ${r.cpuOff.toFixed(1)} on ${r.cpuOn.toFixed(1)} added ${(r.cpuOn - r.cpuOff).toFixed(1)} (paired ${r.addedCpuPaired.toFixed(1)}) ms`,
    );
}
if (json) console.log(JSON.stringify(out));
else console.log(`${N} rounds, ${out.change} change; node -e 0 median ${out.nodeE0.toFixed(1)} ms; load ${out.load[0].toFixed(2)}-${out.load[1].toFixed(2)}`);
rmSync(tmp, { recursive: true, force: true });
