/**
 * `harness-hooks scan [paths...]` (tree mode), end to end: the built CLI, real git, real files.
 * What is listed (.gitignore, named paths, paths outside the repo, no repo at all) and robust input
 * (encodings, special files, symlinks, permissions, files that change), in text, json and sarif.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, cleanupAll, tempDir, CLI, type Repo, type Result } from '../helpers/repo.js';
import { crcToken, rnd, B62 } from '../../src/secrets/kit.js';

afterAll(cleanupAll);

const gh = crcToken('ghp_', 'tree-e2e');
const npmTok = crcToken('npm_', 'tree-e2e');
const pw = rnd(B62, 18, 'tree-pw');

interface Json {
  mode: string;
  findings: Array<{ rule: string; file: string; line: number; column: number; fingerprint: string; commit: string | null; preview: string; fix: string }>;
  skipped: Array<{ file: string; reason: string }>;
  notes: string[];
  stats: { files: number };
}

function json(r: Result): Json {
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // never a stack trace
  return JSON.parse(r.stdout) as Json;
}
const where = (o: Json) => o.findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort();
function noSecretIn(s: string) {
  for (const x of [gh, npmTok, pw]) expect(s).not.toContain(x);
}
const isRoot = process.getuid?.() === 0;

/**
 * Run the CLI as a user chmod applies to. Root reads anything, so as root the CLI runs as nobody
 * (uid 65534) with the repo made traversable; undefined when that is not possible here.
 */
function cliUnprivileged(repo: Repo, args: string[]): Result | undefined {
  if (!isRoot) return repo.cli(args);
  for (const d of [repo.dir, repo.home]) chmodSync(d, 0o755);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
    // The repo belongs to root: tell git it is safe to read as another user.
    env: { ...repo.env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
  });
  if (r.error || (r.status !== 0 && r.status !== 1)) return undefined;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr };
}

describe('scan [paths]: what is listed', () => {
  function ignoredRepo(): Repo {
    const repo = makeRepo();
    repo.write('.gitignore', 'dist/\nnode_modules/\n.env.local\nsrc/gen/\n');
    repo.write('dist/tracked.js', 'export const x = 1;\n');
    repo.git(['add', '-f', 'dist/tracked.js', '.gitignore']);
    repo.git(['commit', '-qm', 'dist']);
    repo.write('dist/bundle.js', `const t = '${gh}';\n`);
    repo.write('node_modules/pkg/index.js', `module.exports = '${npmTok}';\n`);
    repo.write('.env.local', `DB_PASSWORD=${pw}\n`);
    repo.write('src/app.ts', 'export const ok = true;\n');
    repo.write('src/gen/client.ts', `export const t = '${gh}';\n`);
    return repo;
  }

  it('scan, scan . and a directory git does not ignore respect .gitignore inside them', () => {
    const repo = ignoredRepo();
    for (const args of [['scan'], ['scan', '.'], ['scan', 'src'], ['scan', 'src', 'dist/tracked.js']]) {
      const r = repo.cli([...args, '--format', 'json']);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      const o = json(r);
      expect(o.findings).toEqual([]);
      expect(o.stats.files).toBeGreaterThan(0);
      expect(o.notes.join('\n')).not.toMatch(/ignores it/);
    }
    // From a subdirectory, `scan` is that directory, still with .gitignore.
    const sub = repo.cli(['scan', '--format', 'json'], { cwd: join(repo.dir, 'src') });
    expect(sub.status, sub.stderr).toBe(0);
    expect(json(sub).stats.files).toBe(1);
  });

  it('a named path git ignores is scanned (a directory in full, even with a force-added file in it), with a note', () => {
    const repo = ignoredRepo();
    const dist = repo.cli(['scan', 'dist', '--format', 'json']);
    expect(dist.status, dist.stderr).toBe(1);
    const o = json(dist);
    expect(where(o)).toEqual(['dist/bundle.js:1:12']);
    expect(o.stats.files).toBe(2); // bundle.js and the tracked file
    expect(o.notes).toContainEqual(expect.stringMatching(/^dist\/: scanned although \.gitignore ignores it/));

    const pkg = repo.cli(['scan', 'node_modules/pkg']);
    expect(pkg.status).toBe(1);
    expect(pkg.stdout).toContain('node_modules/pkg/index.js:1:19');
    expect(pkg.stderr).toMatch(/note: node_modules\/pkg\/: scanned although \.gitignore ignores it/);

    const env = repo.cli(['scan', '.env.local', '--format', 'json']);
    expect(env.status).toBe(1);
    const e = json(env);
    expect(e.findings.map((f) => [f.rule, f.file])).toEqual([['generic-password', '.env.local']]);
    expect(e.notes).toContainEqual(expect.stringMatching(/^\.env\.local: scanned although \.gitignore ignores it/));
    // The fix for a file on disk is not "git add" (that would commit an ignored secrets file).
    expect(e.findings[0]!.fix).not.toMatch(/git add/);
    expect(e.findings[0]!.fix).toMatch(/^Remove the secret from \.env\.local/);

    // Named from a subdirectory, relative to it; reported relative to the repository root.
    const up = repo.cli(['scan', '../src/gen', '--format', 'json'], { cwd: join(repo.dir, 'src') });
    expect(up.status).toBe(1);
    expect(where(json(up))).toEqual(['src/gen/client.ts:1:19']);
    // Run from inside an ignored directory, `scan` reads it (it is where you are), and says why.
    const here = repo.cli(['scan', '--format', 'json'], { cwd: join(repo.dir, 'node_modules', 'pkg') });
    expect(here.status).toBe(1);
    const h = json(here);
    expect(where(h)).toEqual(['node_modules/pkg/index.js:1:19']);
    expect(h.notes).toContainEqual(expect.stringMatching(/^node_modules\/pkg\/: scanned although \.gitignore ignores it \(it is the current directory/));
    noSecretIn(dist.output + pkg.output + env.output + up.output + here.output);
  });

  it('a named path that does not exist is a usage error (exit 2), not a pass that scanned nothing', () => {
    const repo = ignoredRepo();
    const r = repo.cli(['scan', 'src', 'no-such-dir']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such file or directory: no-such-dir');
    expect(r.stderr).toMatch(/Nothing was scanned/);
    expect(r.stdout).toBe('');
  });

  it('path names are literal: a directory called x* is not a glob over xy/', () => {
    const repo = makeRepo();
    repo.write('x*/readme.txt', 'nothing here\n');
    repo.write('xy/leak.txt', `${gh}\n`);
    const r = repo.cli(['scan', 'x*', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(json(r).stats.files).toBe(1);
  });

  it('a path outside the repository is scanned as it is on disk (no .gitignore), reported by absolute path, with a note', () => {
    const repo = makeRepo();
    const outside = tempDir('hh-outside-');
    writeFileSync(join(outside, '.gitignore'), 'creds.txt\n'); // not applied: this is not the repository
    writeFileSync(join(outside, 'creds.txt'), `token: ${npmTok}\n`);
    const r = repo.cli(['scan', outside, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual([`${outside}/creds.txt:1:8`]);
    expect(o.notes).toContainEqual(expect.stringMatching(/is outside the repository .*no \.gitignore applied/));
    const s = JSON.parse(repo.cli(['scan', outside, '--format', 'sarif']).stdout);
    expect(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${outside}/creds.txt` });
    noSecretIn(r.output);
  });

  it('outside any git repository: every file is scanned with a note; --staged refuses (exit 2)', () => {
    const repo = makeRepo();
    const plain = tempDir('hh-plain-');
    writeFileSync(join(plain, '.gitignore'), 'creds.txt\n');
    writeFileSync(join(plain, 'creds.txt'), `token: ${npmTok}\n`);
    mkdirSync(join(plain, 'node_modules', 'p'), { recursive: true });
    writeFileSync(join(plain, 'node_modules', 'p', 'i.js'), `x('${gh}')\n`);
    const r = repo.cli(['scan', '--format', 'json'], { cwd: plain });
    expect(r.status, r.stderr).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual(['creds.txt:1:8', 'node_modules/p/i.js:1:4']);
    expect(o.notes).toContainEqual(expect.stringMatching(/not inside a git repository\. Scanned every file as it is on disk \(no \.gitignore applied/));
    const staged = repo.cli(['scan', '--staged'], { cwd: plain });
    expect(staged.status).toBe(2);
    expect(staged.stderr).toMatch(/needs a git repository/);
  });
});

describe('scan [paths]: robust input', () => {
  it('invalid UTF-8 and CRLF: found with the right line and column, nothing carried over from \\r', () => {
    const repo = makeRepo();
    repo.write('latin1.txt', Buffer.concat([Buffer.from('caf\xe9 \xff\xfe \xc3(\n', 'latin1'), Buffer.from(`\xe9\xe9 ${gh}\n`, 'latin1')]));
    repo.write('win.env', `A=1\r\nDB_PASSWORD="${pw}"\r\nNPM=${npmTok}\r\n`);
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const o = json(r);
    // Each invalid byte decodes to one U+FFFD: the column counts it as one character.
    expect(where(o)).toEqual(['latin1.txt:2:4', 'win.env:2:14', 'win.env:3:5']);
    expect(o.findings.find((f) => f.rule === 'generic-password')!.preview).not.toContain('\r');
    expect(o.skipped).toEqual([]);
    noSecretIn(r.output);
  });

  it('file names that are not valid UTF-8 are still read (listed by git or walked), shown with U+FFFD', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'ig/\n');
    mkdirSync(join(repo.dir, 'ig'));
    writeFileSync(Buffer.concat([Buffer.from(repo.dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.env')]), `NPM=${npmTok}\n`);
    writeFileSync(Buffer.concat([Buffer.from(repo.dir + '/ig/x'), Buffer.from([0xff]), Buffer.from('.txt')]), `k=${gh}\n`);
    const r = repo.cli(['scan', '.', 'ig', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual(['caf\ufffd.env:1:5', 'ig/x\ufffd.txt:1:3']);
    expect(o.skipped).toEqual([]);
  });

  it('NUL bytes: a NUL in the first 8 kB makes a file binary (skipped with a note); one later does not hide a secret', () => {
    const repo = makeRepo();
    repo.write('early.dat', Buffer.concat([Buffer.from('head\0\0'), Buffer.from(`\n${gh}\n`)]));
    repo.write('late.log', Buffer.concat([Buffer.from('x'.repeat(9000) + '\n\0\0\n'), Buffer.from(`k=${gh}\n`)]));
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual(['late.log:3:3']);
    expect(o.skipped).toContainEqual({ file: 'early.dat', reason: 'binary' });
    const t = repo.cli(['scan']);
    expect(t.stderr).toMatch(/early\.dat: binary/);
  });

  it('empty files are scanned; a directory named like a file is a directory; an empty named one scans nothing, with a note', () => {
    const repo = makeRepo();
    repo.write('empty.txt', '');
    repo.write('settings.json/inner.env', `NPM=${npmTok}\n`);
    mkdirSync(join(repo.dir, 'blank.txt'));
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual(['settings.json/inner.env:1:5']);
    expect(o.stats.files).toBe(3); // README.md, empty.txt, settings.json/inner.env
    const named = repo.cli(['scan', 'blank.txt']);
    expect(named.status).toBe(0);
    expect(named.stderr).toMatch(/Scanned NOTHING: no text files under blank\.txt/);
    const file = repo.cli(['scan', 'empty.txt', '--format', 'json']);
    expect(json(file).stats.files).toBe(1);
  });

  it('files over maxFileBytes are skipped with their size, in the tree and when named', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: { enabled: true, maxFileBytes: 1000 } } }));
    repo.write('big.txt', `${gh}\n` + 'a'.repeat(2000) + '\n');
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(json(r).skipped).toContainEqual({ file: 'big.txt', reason: 'larger than 1000 bytes (2042)' });
    const named = repo.cli(['scan', 'big.txt']);
    expect(named.status).toBe(0);
    expect(named.stderr).toMatch(/big\.txt: larger than 1000 bytes \(2042\)/);
    expect(named.stderr).toMatch(/Scanned NOTHING/);
  });

  it('symlinks are never followed: out of the repo, inside it, to directories, dangling, or named', () => {
    const repo = makeRepo();
    const outside = tempDir('hh-target-');
    writeFileSync(join(outside, 'creds.txt'), `${npmTok}\n`);
    repo.write('.gitignore', 'vendor/\n');
    repo.write('real.env', `NPM=${npmTok}\n`);
    symlinkSync(join(outside, 'creds.txt'), join(repo.dir, 'out-file'));
    symlinkSync(outside, join(repo.dir, 'out-dir'));
    symlinkSync('real.env', join(repo.dir, 'in-link.env'));
    symlinkSync('missing.txt', join(repo.dir, 'dangling'));
    mkdirSync(join(repo.dir, 'vendor'));
    symlinkSync(outside, join(repo.dir, 'vendor', 'escape'));
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status).toBe(1);
    const o = json(r);
    // The target inside the repo is scanned once, under its own name.
    expect(where(o)).toEqual(['real.env:1:5']);
    expect(o.skipped).toEqual(
      expect.arrayContaining([
        { file: 'out-file', reason: 'symlink (not followed; it points outside the repository)' },
        { file: 'out-dir', reason: 'symlink (not followed; it points outside the repository)' },
        { file: 'in-link.env', reason: 'symlink (not followed)' },
        { file: 'dangling', reason: 'symlink (not followed; its target does not exist)' },
      ]),
    );
    // An ignored directory named explicitly is walked, but not through a symlink in it.
    const v = repo.cli(['scan', 'vendor', '--format', 'json']);
    expect(v.status).toBe(0);
    expect(json(v).skipped).toEqual([{ file: 'vendor/escape', reason: 'symlink (not followed; it points outside the repository)' }]);
    // A named symlink is not followed either; the note says how to scan its target.
    const named = repo.cli(['scan', 'out-dir', '--format', 'json']);
    expect(named.status).toBe(0);
    expect(json(named).skipped).toEqual([{ file: 'out-dir', reason: 'symlink (not followed; name its target to scan it)' }]);
    noSecretIn(r.output + v.output + named.output);
  });

  it('FIFOs never block the scan: skipped with a note when named or inside a walked directory', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'run/\n');
    mkdirSync(join(repo.dir, 'run'));
    execFileSync('mkfifo', [join(repo.dir, 'pipe'), join(repo.dir, 'run', 'events')]);
    repo.write('run/app.env', `NPM=${npmTok}\n`);
    const all = repo.cli(['scan', '--format', 'json']);
    expect(all.status, all.stderr).toBe(0); // git lists no FIFOs; run/ is ignored
    const named = repo.cli(['scan', 'pipe', 'run', '--format', 'json']);
    expect(named.status).toBe(1);
    const o = json(named);
    expect(where(o)).toEqual(['run/app.env:1:5']);
    expect(o.skipped).toEqual(expect.arrayContaining([
      { file: 'pipe', reason: 'FIFO (not a regular file)' },
      { file: 'run/events', reason: 'FIFO (not a regular file)' },
    ]));
  });

  it('unreadable files and directories are noted, not a crash (run as an unprivileged user when the tests run as root)', (ctx) => {
    const repo = makeRepo();
    repo.write('.gitignore', 'cache/\n');
    repo.write('locked.txt', `${gh}\n`);
    repo.write('private/key.txt', `${gh}\n`);
    repo.write('cache/sub/key.txt', `${gh}\n`);
    repo.write('open.txt', `NPM=${npmTok}\n`);
    chmodSync(join(repo.dir, 'locked.txt'), 0o000);
    chmodSync(join(repo.dir, 'private'), 0o000);
    chmodSync(join(repo.dir, 'cache', 'sub'), 0o000);
    const r = cliUnprivileged(repo, ['scan', '.', 'cache', '--format', 'json']);
    chmodSync(join(repo.dir, 'private'), 0o755);
    chmodSync(join(repo.dir, 'cache', 'sub'), 0o755);
    chmodSync(join(repo.dir, 'locked.txt'), 0o644);
    // Root that cannot switch user reads everything: the permission notes cannot be observed then.
    if (!r) return ctx.skip();
    expect(r.status, r.stderr).toBe(1);
    const o = json(r);
    expect(where(o)).toEqual(['open.txt:1:5']);
    expect(o.skipped).toEqual(expect.arrayContaining([
      { file: 'locked.txt', reason: 'unreadable (permission denied)' },
      { file: 'private/', reason: 'unreadable directory (permission denied)' },
      { file: 'cache/sub/', reason: 'unreadable directory (permission denied)' },
    ]));
  });

  it('a tracked file deleted from the working tree is noted as no longer on disk', () => {
    const repo = makeRepo();
    repo.write('gone.txt', 'x\n');
    repo.git(['add', 'gone.txt']);
    repo.git(['commit', '-qm', 'gone']);
    unlinkSync(join(repo.dir, 'gone.txt'));
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(json(r).skipped).toEqual([{ file: 'gone.txt', reason: 'no longer on disk (deleted or moved after it was listed)' }]);
  });

  it('sparse checkouts: files outside it are one note, not "not on disk" each; a nested repository is noted, not entered', () => {
    const repo = makeRepo();
    repo.write('app/main.ts', 'export {};\n');
    for (let i = 0; i < 3; i++) repo.write(`docs/p${i}.md`, 'text\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'tree']);
    repo.git(['sparse-checkout', 'set', 'app']);
    repo.git(['init', '-q', 'app/vendored']);
    repo.write('app/vendored/key.txt', `${gh}\n`);
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const o = json(r);
    expect(o.notes).toContainEqual(expect.stringMatching(/^3 tracked files are outside the sparse checkout \(skip-worktree, not on disk\): not scanned/));
    expect(o.skipped).toEqual([{ file: 'app/vendored', reason: 'git repository inside this one (submodule or nested clone: name it to scan it)' }]);
  });

  it('a named path inside a submodule is listed by the submodule\'s git (its .gitignore), next to ignored paths of the outer repo', () => {
    const lib = makeRepo();
    lib.write('.gitignore', 'local/\n');
    lib.write('src/keys.ts', `export const k = '${gh}';\n`);
    lib.git(['add', '.']);
    lib.git(['commit', '-qm', 'lib']);
    const repo = makeRepo();
    repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'deps/lib']);
    repo.write('deps/lib/local/cache.txt', `${npmTok}\n`); // ignored by the submodule's .gitignore
    repo.write('.gitignore', 'dist/\n');
    repo.write('dist/out.js', `x('${npmTok}')\n`);
    // `scan` lists the submodule as one skipped path (its content is another repository's).
    const all = repo.cli(['scan', '--format', 'json']);
    expect(all.status, all.stderr).toBe(0);
    expect(json(all).skipped).toEqual([{ file: 'deps/lib', reason: 'git repository inside this one (submodule or nested clone: name it to scan it)' }]);
    for (const target of ['deps/lib', 'deps/lib/src']) {
      const r = repo.cli(['scan', target, 'dist', '--format', 'json']);
      expect(r.status, r.stderr).toBe(1);
      const o = json(r);
      expect(where(o)).toEqual(['deps/lib/src/keys.ts:1:19', 'dist/out.js:1:4']);
      expect(o.notes).toContainEqual(expect.stringMatching(/a repository nested in this one \(a submodule or another clone\): listed by its own git/));
      expect(o.notes).toContainEqual(expect.stringMatching(/^dist\/: scanned although \.gitignore ignores it/));
    }
  });

  it('files growing, shrinking, appearing and vanishing during the scan: no crash, every skip has a known reason', async () => {
    const repo = makeRepo();
    for (let i = 0; i < 40; i++) repo.write(`churn/f${i}.txt`, `line ${i}\n`.repeat(20000));
    repo.write('churn/keep.env', `NPM=${npmTok}\n`);
    repo.write('churn/grow.log', 'entry\n'.repeat(500000));
    // A separate process rewrites, truncates, deletes and recreates files while the CLI reads them.
    const churner = spawn(process.execPath, ['-e', `
      const fs = require('fs'); const dir = ${JSON.stringify(join(repo.dir, 'churn'))};
      let n = 0;
      setInterval(() => { for (let k = 0; k < 10; k++) { const f = dir + '/f' + (n++ % 40) + '.txt';
        try { fs.appendFileSync(dir + '/grow.log', 'entry\\n'); if (n % 3 === 0) fs.unlinkSync(f); else if (n % 3 === 1) fs.appendFileSync(f, 'more\\n'.repeat(5000)); else fs.writeFileSync(f, 'short\\n'); } catch {} } }, 1);
    `]);
    const known = /^(no longer on disk|larger than|binary$)/;
    try {
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 4; i++) {
        const r = await new Promise<Result>((done) => {
          const c = spawn(process.execPath, [CLI, 'scan', 'churn', '--format', 'json', '--jobs', i % 2 ? '2' : '0'], { cwd: repo.dir, env: repo.env });
          let stdout = '';
          let stderr = '';
          c.stdout.on('data', (b) => (stdout += b));
          c.stderr.on('data', (b) => (stderr += b));
          c.on('close', (status) => done({ status, stdout, stderr, output: stdout + stderr }));
        });
        expect(r.status, r.stderr).toBe(1);
        const o = json(r);
        expect(where(o)).toEqual(['churn/keep.env:1:5']);
        for (const s of o.skipped) expect(s.reason).toMatch(known);
        for (const n of o.notes) expect(n).toMatch(/^churn\/(f\d+\.txt|grow\.log): changed while being scanned \(scanned as read\)$/);
      }
    } finally {
      churner.kill();
    }
  });
});

describe('scan [paths]: worker threads', () => {
  it('--jobs 2 on a tree over 4 MB finds and skips exactly what the in-process scan does', () => {
    const repo = makeRepo();
    const filler = 'export const value = "plain text without anything secret in it";\n'.repeat(4000); // ~270 kB
    for (let i = 0; i < 20; i++) repo.write(`pkg/m${String(i).padStart(2, '0')}.ts`, i % 7 === 3 ? filler + `export const t = '${gh}';\n` : filler);
    repo.write('pkg/bin.dat', Buffer.from([0, 1, 2]));
    writeFileSync(Buffer.concat([Buffer.from(repo.dir + '/pkg/n'), Buffer.from([0xfe]), Buffer.from('.env')]), `NPM=${npmTok}\n`);
    symlinkSync('/etc/hostname', join(repo.dir, 'pkg', 'link'));
    const one = repo.cli(['scan', '--format', 'json', '--jobs', '0']);
    const two = repo.cli(['scan', '--format', 'json', '--jobs', '2']);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    const a = json(one);
    const b = json(two) as Json & { stats: { workers: number } };
    expect(b.stats.workers).toBeGreaterThan(0);
    expect(where(b)).toEqual(where(a));
    expect(where(a)).toEqual(['pkg/m03.ts:4001:19', 'pkg/m10.ts:4001:19', 'pkg/m17.ts:4001:19', 'pkg/n\ufffd.env:1:5']);
    expect(b.skipped).toEqual(a.skipped);
    expect(a.skipped.map((x) => x.file).sort()).toEqual(['pkg/bin.dat', 'pkg/link']);
  });
});

describe('scan [paths]: json and sarif', () => {
  function mixedRepo(): Repo {
    const repo = makeRepo();
    repo.write('.gitignore', 'build/\n');
    repo.write('src/deep/conf.ts', `export const token = '${gh}';\n`);
    repo.write('odd name #1.env', `NPM=${npmTok}\n`);
    repo.write('build/out.js', `x('${gh}')\n`);
    repo.write('blob.bin', Buffer.from([1, 0, 2, 0]));
    execFileSync('mkfifo', [join(repo.dir, 'build', 'pipe')]);
    return repo;
  }

  it('json: findings with rule/file/line/column/fingerprint, skipped files and notes, no secret', () => {
    const repo = mixedRepo();
    const r = repo.cli(['scan', '.', 'build', '--format', 'json']);
    expect(r.status).toBe(1);
    const o = json(r);
    expect(o.mode).toBe('paths');
    expect(where(o)).toEqual(['build/out.js:1:4', 'odd name #1.env:1:5', 'src/deep/conf.ts:1:23']);
    for (const f of o.findings) {
      expect(f.fingerprint).toBe(`${f.rule}:${f.file}:${f.fingerprint.slice(-16)}`);
      expect(f.commit).toBeNull();
    }
    expect(o.skipped).toEqual(expect.arrayContaining([
      { file: 'blob.bin', reason: 'binary' },
      { file: 'build/pipe', reason: 'FIFO (not a regular file)' },
    ]));
    expect(o.notes).toContainEqual(expect.stringMatching(/^build\/: scanned although \.gitignore ignores it/));
    noSecretIn(r.output);
  });

  it('sarif: what GitHub code scanning requires, relative forward-slash URIs, skipped files as notifications', () => {
    const repo = mixedRepo();
    const r = repo.cli(['scan', '.', 'build', '--format', 'sarif']);
    expect(r.status).toBe(1);
    noSecretIn(r.output);
    const s = JSON.parse(r.stdout);
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0];
    expect(run.tool.driver.name).toBe('harness-hooks');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    const uris: string[] = [];
    for (const res of run.results) {
      expect(typeof res.ruleId).toBe('string');
      expect(ruleIds[res.ruleIndex]).toBe(res.ruleId);
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|\\|^file:/);
      uris.push(loc.artifactLocation.uri);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(Object.values(res.partialFingerprints).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    }
    // Segments percent-encoded: '#' would otherwise start a URI fragment.
    expect(uris.sort()).toEqual(['build/out.js', 'odd%20name%20%231.env', 'src/deep/conf.ts']);
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(true);
    const texts = inv.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text);
    expect(texts).toEqual(expect.arrayContaining(['Not scanned: blob.bin: binary', 'Not scanned: build/pipe: FIFO (not a regular file)']));
    expect(texts).toContainEqual(expect.stringMatching(/^build\/: scanned although/));
  });
});
