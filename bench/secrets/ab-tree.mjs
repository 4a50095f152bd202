// A/B tree scan of several builds, interleaved runs (same machine load), medians.
// usage: node bench/secrets/ab-tree.mjs RUNS label=/abs/bin/harness-hooks.js[=--jobs,0] ... -- [scan args]
// The corpus comes from run.mjs; MB/s assumes its 45.1 MB.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
const args = process.argv.slice(2);
const runs = Number(args.shift());
const sep = args.indexOf('--');
const clis = args.slice(0, sep).map((s) => s.split('=')).map(([l, c, x]) => [l, c, x ? x.split(',') : []]);
const rest = args.slice(sep + 1);
const cwd = new URL('../.work/secrets/corpus', import.meta.url).pathname; // made by run.mjs
const res = Object.fromEntries(clis.map(([l]) => [l, []]));
const loads = [];
for (let i = 0; i < runs; i++) for (const [l, cli, extra] of clis) {
  loads.push(loadavg()[0]);
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'scan', ...rest, ...extra], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const w = /Elapsed.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const u = /User time \(seconds\): ([\d.]+)/.exec(r.stderr), s = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  let n = -1; try { n = JSON.parse(r.stdout).findings.length; } catch {}
  res[l].push({ wall: Number(w[2]) * 60 + Number(w[3]), cpu: +u[1] + +s[1], rss: rss[1] / 1024, n });
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const [l] of clis) { const r = res[l]; console.log(l, 'wall', med(r.map(x=>x.wall)).toFixed(3), 'best', Math.min(...r.map(x=>x.wall)).toFixed(3), 'MB/s', (45.1/med(r.map(x=>x.wall))).toFixed(1), 'cpu', med(r.map(x=>x.cpu)).toFixed(2), 'rss', Math.max(...r.map(x=>x.rss)).toFixed(0), 'findings', r.map(x=>x.n).join(',')); }
console.log('load', Math.min(...loads).toFixed(2), '-', Math.max(...loads).toFixed(2));
