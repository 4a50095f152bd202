/** A real repo with harness-hooks installed by `init`, for the handoff / evidence e2e tests. */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../helpers/repo.js';

export const CONFIG = {
  policies: {
    evidence: true,
    commands: { enabled: true, tasks: { '*.txt': "node -e \"console.log('lint: checked')\"" } },
  },
};

export interface Hooked extends Repo {
  /** The commit before the hooks were installed: ranges start here. */
  base: string;
  commit(msg: string, files: Record<string, string>, args?: string[], env?: NodeJS.ProcessEnv): ReturnType<Repo['tryGit']>;
  head(): string;
  message(rev?: string): string;
  ledger(): Array<Record<string, any>>;
  handoff(): string;
}

export function hookedRepo(config: Record<string, unknown> = CONFIG, opts: { dir?: string } = {}): Hooked {
  const r = makeRepo();
  const base = r.git(['rev-parse', 'HEAD']).trim();
  const init = r.cli(['init']);
  if (init.status !== 0) throw new Error(`init failed: ${init.output}`);
  r.write('.harnessrc.json', JSON.stringify(config, null, 2) + '\n');
  const h = r as Hooked;
  h.base = base;
  h.commit = (msg, files, args = [], env = {}) => {
    for (const [p, c] of Object.entries(files)) h.write(p, c);
    h.git(['add', '-A', '--', ...Object.keys(files)]);
    return h.tryGit(['commit', '-q', '-m', msg, ...args], { env });
  };
  h.head = () => h.git(['rev-parse', 'HEAD']).trim();
  h.message = (rev = 'HEAD') => h.git(['log', '-1', '--format=%B', rev]);
  const dir = opts.dir ?? join(h.dir, '.harness');
  h.ledger = () =>
    existsSync(join(dir, 'ledger.jsonl'))
      ? readFileSync(join(dir, 'ledger.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  h.handoff = () => readFileSync(join(dir, 'HANDOFF.md'), 'utf8');
  const c = h.commit('chore: add harness config', { '.harnessrc.json': JSON.stringify(config, null, 2) + '\n' });
  if (c.status !== 0) throw new Error(`config commit failed: ${c.output}`);
  return h;
}

export function verifyJson(r: Repo, range: string, extra: string[] = []) {
  const res = r.cli(['verify', '--range', range, '--format', 'json', ...extra]);
  let json: any;
  try {
    json = JSON.parse(res.stdout);
  } catch {
    throw new Error(`verify did not print JSON (exit ${res.status}): ${res.output}`);
  }
  return { status: res.status, json, stderr: res.stderr };
}
