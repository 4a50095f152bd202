// A/B of the pre-commit hook's secrets overhead for several builds: a 500-line keyword-dense change,
// `commands` only vs `commands` + `secrets`, interleaved runs; wall (hrtime) and in-process CPU
// (process.cpuUsage at exit via --import, so git children are excluded), medians.
// usage: node bench/secrets/ab-staged.mjs RUNS label=/abs/bin/harness-hooks.js ...
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
const CPU_HOOK = join(tmpdir(), `hh-cpu-hook-${process.pid}.mjs`);
const CPU_OUT = join(tmpdir(), `hh-cpu-out-${process.pid}`);
writeFileSync(CPU_HOOK, "import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); appendFileSync(process.env.CPU_OUT, `${(u.user + u.system) / 1000}\\n`); });\n");
const N = Number(process.argv[2] ?? 21);
const clis = process.argv.slice(3).map((s) => s.split('='));
const dir = join(tmpdir(), `hh-staged-ab-${process.pid}`);
rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const git = (...a) => execFileSync('git', a, { cwd: dir, env, stdio: 'pipe' });
git('init', '-q', '-b', 'main'); writeFileSync(join(dir, 'README.md'), '# x\n'); git('add', '.'); git('commit', '-qm', 'init');
const lines = [];
for (let i = 0; i < 500; i++) lines.push(i % 10 === 0 ? `export function handler${i}(req: Request, token: string): Promise<Response> {` : `  const value${i} = await fetch(\`https://api.internal/v1/items/\${id}?page=${i}\`, { headers: { Authorization: \`Bearer \${token}\` } });`);
mkdirSync(join(dir, 'src')); writeFileSync(join(dir, 'src', 'handlers.ts'), lines.join('\n') + '\n'); git('add', '.');
const cfg = (on) => writeFileSync(join(dir, '.harnessrc.json'), JSON.stringify({ policies: { secrets: on, commands: true } }));
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const res = {}; const cpu = {};
const loads = [];
for (let blk = 0; blk < 6; blk++) { const on = blk % 2 === 1; cfg(on); for (const [, cli] of clis) spawnSync(process.execPath, [cli, 'run', 'pre-commit'], { cwd: dir, env });
for (let i = 0; i < Math.ceil(N / 3); i++) for (const [l, cli] of clis) {
  const t = process.hrtime.bigint();
  rmSync(CPU_OUT, { force: true });
  const r = spawnSync(process.execPath, ['--import', CPU_HOOK, cli, 'run', 'pre-commit'], { cwd: dir, env: { ...env, CPU_OUT }, encoding: 'utf8' });
  (cpu[`${l} ${on ? 'on' : 'off'}`] ??= []).push(Number(readFileSync(CPU_OUT, 'utf8').trim()));
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  (res[`${l} ${on ? 'on' : 'off'}`] ??= []).push(ms); loads.push(loadavg()[0]);
} }
for (const [l] of clis) { const off = med(res[`${l} off`]), on = med(res[`${l} on`]); const coff = med(cpu[`${l} off`]), con = med(cpu[`${l} on`]); console.log(l, 'wall off', off.toFixed(1), 'on', on.toFixed(1), 'added', (on - off).toFixed(1), '| cpu off', coff.toFixed(1), 'on', con.toFixed(1), 'added', (con - coff).toFixed(1)); }
const t0 = []; for (let i = 0; i < N; i++) { const t = process.hrtime.bigint(); spawnSync(process.execPath, ['-e', '0']); t0.push(Number(process.hrtime.bigint() - t) / 1e6); }
console.log('node -e 0', med(t0).toFixed(1), 'load', Math.min(...loads).toFixed(2), '-', Math.max(...loads).toFixed(2));
rmSync(dir, { recursive: true, force: true }); rmSync(CPU_HOOK, { force: true }); rmSync(CPU_OUT, { force: true });
