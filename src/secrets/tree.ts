/**
 * Tree scans (`harness-hooks scan [paths...]`): list files (git ls-files -co --exclude-standard in a
 * repo, so .gitignore is respected; a plain walk elsewhere), then scan them, on worker threads when
 * there is enough to do.
 */
import { existsSync, readdirSync, lstatSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve, sep } from 'node:path';
import { gitRaw } from '../git/exec.js';
import { scanOneFile, type FileScanOptions, type FileScanResult } from './files.js';

export async function listFiles(root: string, paths: string[], inRepo: boolean, env: NodeJS.ProcessEnv): Promise<string[]> {
  const rels = paths.map((p) => relative(root, resolve(p)).split(sep).join('/') || '.');
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(root, rel);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(abs)) if (e !== '.git') walk(rel === '.' ? e : `${rel}/${e}`);
    } else out.push(rel);
  };
  if (inRepo) {
    const inside = rels.filter((r) => !r.startsWith('..'));
    const listed = inside.length
      ? (await gitRaw(['ls-files', '-co', '--exclude-standard', '-z', '--', ...inside], { cwd: root, env })).stdout.toString('utf8').split('\0').filter(Boolean)
      : [];
    // A path named explicitly but ignored by git (node_modules/x, dist/), or outside the repository,
    // is scanned as it is on disk, as ripgrep does for named paths; `scan` alone respects .gitignore.
    for (const r of rels) {
      if (r === '.' || (!r.startsWith('..') && listed.some((f) => f === r || f.startsWith(r + '/')))) continue;
      walk(r);
    }
    return [...new Set([...listed, ...out])];
  }
  for (const r of rels) walk(r);
  return out;
}

export interface TreeScanStats {
  files: number;
  workers: number;
}

/** Scan files, in worker threads when the total is large. Results arrive in file order. */
export async function scanFiles(root: string, files: string[], opts: FileScanOptions & { jobs?: number }): Promise<{ results: FileScanResult[]; workers: number }> {
  const workerFile = fileURLToPath(new URL('./tree-worker.js', import.meta.url));
  let total = 0;
  for (const f of files.slice(0, 20000)) {
    try {
      total += lstatSync(join(root, f)).size;
    } catch {
      /* noted when scanned */
    }
    if (total > 4_000_000) break;
  }
  // Workers pay when cores are free; on a saturated machine (load >= cores) they only add overhead
  // (measured: bench/secrets/RESULTS.md), so the default then scans in-process.
  const cores = availableParallelism();
  const jobs = opts.jobs ?? (loadavg()[0]! < cores - 0.5 ? Math.max(1, Math.min(cores, 8)) : 1);
  if (jobs < 2 || total <= 4_000_000 || !existsSync(workerFile)) {
    return { results: files.map((f) => scanOneFile(root, f, opts)), workers: 0 };
  }
  const { Worker } = await import('node:worker_threads');
  const { setImmediate: tick } = await import('node:timers/promises');
  const results: FileScanResult[][] = [];
  const BATCH = 32;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  let next = 0;
  const { disabledRules, allowPatterns, stopwords, maxFileBytes } = opts;
  // jobs - 1 workers; the main thread scans batches too, so `jobs` cores are busy.
  const nWorkers = Math.min(jobs - 1, batches.length);
  const workers = Array.from({ length: nWorkers }, () =>
    new Promise<void>((done, fail) => {
      const w = new Worker(workerFile, { workerData: { root, opts: { disabledRules, allowPatterns, stopwords, maxFileBytes } } });
      let current = -1;
      const feed = () => {
        if (next >= batches.length) {
          w.postMessage(null);
          return;
        }
        current = next++;
        w.postMessage(batches[current]);
      };
      w.on('message', (r: FileScanResult[]) => {
        results[current] = r;
        feed();
      });
      w.on('error', fail);
      w.on('exit', () => done());
      feed();
    }),
  );
  while (next < batches.length) {
    const mine = next++;
    results[mine] = batches[mine]!.map((f) => scanOneFile(root, f, opts));
    await tick(); // let workers' results in and hand them their next batch
  }
  await Promise.all(workers);
  return { results: results.flat(), workers: nWorkers };
}
