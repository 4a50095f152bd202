/**
 * Secrets fixes, end to end with real git: invalid allowlist regexes are config errors, binary
 * blobs are scanned, secrets the rules missed, every location reported, marker hints per language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, cleanupAll, type Repo } from '../helpers/repo.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet, rangeChangeSet } from '../../src/git/changeset.js';
import { secretsPolicy } from '../../src/policies/secrets.js';
import { runPolicyOn } from '../helpers/policy.js';
import type { ChangeSet, HookName } from '../../src/engine/types.js';
import { crcToken, rnd, B62, B32 } from '../../src/secrets/kit.js';

afterAll(cleanupAll);

const run = async (repo: Repo, change: ChangeSet, hook: HookName = 'pre-commit', config: Record<string, unknown> = {}) =>
  (await runPolicyOn(secretsPolicy, change, config, { hook, env: repo.env })).findings;
const staged = async (repo: Repo) => stagedChangeSet(await readRepoInfo(repo.dir, repo.env), { env: repo.env });
const errors = (f: Awaited<ReturnType<typeof run>>) => f.filter((x) => x.severity === 'error');
const awsKey = (seed: string) => 'AKIA' + rnd(B32, 16, seed);
/** A high-entropy literal (letters and digits, as real generated passwords are). */
const pwd = (seed: string) => rnd(B62, 18, seed) + '7q';

describe('invalid allowlist regex', () => {
  it('is a config error (exit 2) naming the key path and the regex error, in `config` and in the hook', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true } }));
    const init = repo.cli(['init', '--no-install']);
    expect(init.status, init.output).toBe(0);
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: { enabled: true, allowlist: { patterns: ['^ok$', '(unclosed'] } } } }));
    const cfg = repo.cli(['config']);
    expect(cfg.status, cfg.output).toBe(2);
    expect(cfg.output).toContain('policies.secrets.allowlist.patterns.1');
    expect(cfg.output).toMatch(/not a valid regular expression: .*Unterminated group/);
    repo.write('a.txt', 'hello\n');
    repo.git(['add', 'a.txt']);
    const check = repo.cli(['check']);
    expect(check.status, check.output).toBe(2);
    expect(check.output).not.toMatch(/harness-hooks bug/i);
    const commit = repo.tryGit(['commit', '-m', 'x']);
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain('policies.secrets.allowlist.patterns.1');
    expect(commit.output).not.toMatch(/harness-hooks bug/i);
  });
});

describe('binary blobs are scanned', () => {
  it('a text file with one NUL byte and an AWS key is blocked at its line', async () => {
    const repo = makeRepo();
    const key = awsKey('nul-file');
    repo.write('notes.txt', Buffer.concat([Buffer.from('first line\nsecond \0 line\n'), Buffer.from(`aws = ${key}\n`)]));
    repo.git(['add', '.']);
    const change = await staged(repo);
    expect(change.files[0]!.binary).toBe(true); // git calls it binary
    const f = await run(repo, change);
    expect(errors(f).map((x) => [x.rule, x.file, x.line])).toEqual([['aws-access-key-id', 'notes.txt', 3]]);
    expect(JSON.stringify(f)).not.toContain(key);
    expect(f.some((x) => x.rule === 'scanned-nothing')).toBe(false);
  });

  it('a real commit of such a file fails through the installed hook', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true } }));
    const init = repo.cli(['init', '--no-install']);
    expect(init.status, init.output).toBe(0);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'config']);
    const key = awsKey('hook-nul');
    repo.write('data.txt', Buffer.concat([Buffer.from('a\0b\n'), Buffer.from(`${key}\n`)]));
    repo.git(['add', 'data.txt']);
    const r = repo.tryGit(['commit', '-m', 'add data']);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('aws-access-key-id');
    expect(r.output).toContain('data.txt:2');
    expect(r.output).not.toContain(key);
  });

  it('a real binary: prefixed tokens in printable runs are found, generic passwords are not guessed', async () => {
    const repo = makeRepo();
    const tok = crcToken('ghp_', 'png');
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));
    repo.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), noise, Buffer.from(tok), Buffer.from([0, 3, 4]), Buffer.from(`password=${pwd('pw')}`), noise]));
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo));
    expect(errors(f).map((x) => [x.rule, x.file])).toEqual([['github-pat', 'logo.png']]);
    expect(errors(f)[0]!.message).toContain('binary');
    expect(f.find((x) => x.rule === 'binary-partial-scan')?.message).toContain('logo.png');
  });

  it('UTF-16 files are decoded and scanned with every rule', async () => {
    const repo = makeRepo();
    const pw = pwd('u16');
    repo.write('settings.reg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`header\r\nDB_PASSWORD=${pw}\r\n`, 'utf16le')]));
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo));
    expect(errors(f).map((x) => [x.rule, x.line])).toEqual([['generic-password', 2]]);
  });

  it('pre-push scans binary blobs of each pushed commit', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    const key = awsKey('range-bin');
    repo.write('blob.dat', Buffer.concat([Buffer.from('x\0y\n'), Buffer.from(`k=${key}\n`)]));
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'add blob']);
    repo.git(['rm', '-q', 'blob.dat']);
    repo.git(['commit', '-qm', 'remove blob']);
    const change = await rangeChangeSet(await readRepoInfo(repo.dir, repo.env), `${base}..HEAD`, { env: repo.env });
    const f = await run(repo, change, 'pre-push');
    expect(errors(f).map((x) => [x.rule, x.file, x.line])).toEqual([['aws-access-key-id', 'blob.dat', 2]]);
  });

  it('a binary over maxFileBytes is not read, and says so as a warning', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'plain\n');
    repo.write('big.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.alloc(3000, 7)]));
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo), 'pre-commit', { maxFileBytes: 1000 });
    const w = f.find((x) => x.rule === 'skipped-files')!;
    expect(w.severity).toBe('warning');
    expect(w.message).toMatch(/big\.bin \(binary, larger than maxFileBytes/);
  });
});

describe('rule misses and every location', () => {
  it('redis URL with an empty user, and DB_PASS=, are found', async () => {
    const repo = makeRepo();
    const redisPw = rnd(B62, 18, 'redis-empty');
    const pass = pwd('db-pass');
    repo.write('.env.ci', `REDIS_URL=redis://:${redisPw}@cache:6379\nDB_PASS=${pass}\n`);
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo));
    expect(errors(f).map((x) => [x.rule, x.line])).toEqual([
      ['redis-connection-string', 1],
      ['generic-password', 2],
    ]);
  });

  it('the same secret on two lines of one file is reported at both lines', async () => {
    const repo = makeRepo();
    const tok = crcToken('ghp_', 'twice');
    repo.write('ci.sh', `export GH=${tok}\necho ok\ncurl -H "token ${tok}" x\n`);
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo));
    expect(errors(f).map((x) => [x.rule, x.line])).toEqual([
      ['github-pat', 1],
      ['github-pat', 3],
    ]);
  });
});

describe('allow-marker hint uses the file\'s comment syntax, and that marker works', () => {
  const cases: Array<[string, (line: string, marker: string) => string]> = [
    ['app.ts', (l, m) => `${l} ${m}`],
    ['main.go', (l, m) => `${l} ${m}`],
    ['Main.java', (l, m) => `${l} ${m}`],
    ['util.c', (l, m) => `${l} ${m}`],
    ['deploy.sh', (l, m) => `${l} ${m}`],
    ['conf.py', (l, m) => `${l} ${m}`],
    ['values.yaml', (l, m) => `${l} ${m}`],
    ['Cargo.toml', (l, m) => `${l} ${m}`],
    ['.env', (l, m) => `${m}\n${l}`],
    ['seed.sql', (l, m) => `${l} ${m}`],
    ['index.html', (l, m) => `${l} ${m}`],
    ['README.md', (l, m) => `${m}\n${l}`],
  ];
  const prefix: Record<string, string> = { ts: '//', go: '//', java: '//', c: '//', sh: '#', py: '#', yaml: '#', toml: '#', env: '#', sql: '--', html: '<!--', md: '<!--' };
  it.each(cases)('%s', async (file, place) => {
    const repo = makeRepo();
    const tok = crcToken('ghp_', `marker-${file}`);
    const line = `token = "${tok}"`;
    repo.write(file, `${line}\n`);
    repo.git(['add', '.']);
    const f = errors(await run(repo, await staged(repo)));
    expect(f).toHaveLength(1);
    const hint = /Add `([^`]+)`/.exec(f[0]!.fix!)![1]!;
    const ext = file.slice(file.lastIndexOf('.') + 1);
    expect(hint.startsWith(`${prefix[ext]} harness-secrets:allow github-pat `)).toBe(true);
    if (ext === 'html' || ext === 'md') expect(hint.endsWith(' -->')).toBe(true);
    // Following the hint (with a real reason) clears the finding.
    repo.write(file, `${place(line, hint.replace('<why it is safe>', 'revoked token kept as a test fixture'))}\n`);
    repo.git(['add', '.']);
    const g = await run(repo, await staged(repo));
    expect(errors(g)).toEqual([]);
  });

  it('JSON gets no comment hint (JSON has no comments)', async () => {
    const repo = makeRepo();
    repo.write('creds.json', JSON.stringify({ token: crcToken('ghp_', 'json') }) + '\n');
    repo.git(['add', '.']);
    const f = errors(await run(repo, await staged(repo)));
    expect(f[0]!.fix).toContain('cannot hold comments');
    expect(f[0]!.fix).not.toContain('# harness-secrets:allow');
  });
});
