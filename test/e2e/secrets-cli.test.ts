/** `harness-hooks scan` and the installed hooks, end to end with real git and the built CLI. */
import { afterAll, describe, expect, it } from 'vitest';
import { symlinkSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, cleanupAll, PROJECT_ROOT } from '../helpers/repo.js';
import { crcToken, rnd, B62, B64 } from '../../src/secrets/kit.js';

afterAll(cleanupAll);

const gh = crcToken('ghp_', 'cli-e2e');
const npmTok = crcToken('npm_', 'cli-e2e');
const pw = rnd(B62, 16, 'cli-pw');

function noSecretIn(s: string) {
  for (const x of [gh, npmTok, pw]) expect(s).not.toContain(x);
  expect(s).not.toContain(gh.slice(4, 20));
}

describe('harness-hooks scan', () => {
  it('tree scan: json findings with rule/file/line/column/fingerprint, .gitignore respected, binaries/symlinks noted, nothing leaked', () => {
    const repo = makeRepo();
    repo.write('.gitignore', 'local.env\n');
    repo.write('local.env', `TOKEN=${npmTok}\n`);
    repo.write('src/config.ts', `export const db = 'postgres://svc:${pw}@db.internal:5432/app';\n`);
    repo.write('deploy/id_rsa', ['-----BEGIN RSA PRIVATE KEY-----', ...[1, 2, 3, 4].map((i) => rnd(B64, 64, `e2ek${i}`)), '-----END RSA PRIVATE KEY-----', ''].join('\r\n'));
    repo.write('img.png', Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(gh)]));
    repo.write('weird.txt', Buffer.concat([Buffer.from('ok \xff\xfe bad utf8 \0 nul\n', 'latin1'), Buffer.from(`gh=${gh}\n`)]));
    symlinkSync('/etc/hostname', join(repo.dir, 'outside-link'));
    const r = repo.cli(['scan', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    noSecretIn(r.output);
    const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; skipped: Array<{ file: string; reason: string }> };
    const rows = out.findings.map((f) => [f.rule, f.file, f.line, f.column]);
    const cfgLine = `export const db = 'postgres://svc:${pw}@db.internal:5432/app';`;
    expect(rows).toContainEqual(['postgres-connection-string', 'src/config.ts', 1, cfgLine.indexOf(pw) + 1]);
    expect(rows).toContainEqual(['pem-private-key', 'deploy/id_rsa', 1, 1]);
    expect(rows.some((x) => x[1] === 'local.env')).toBe(false);
    for (const f of out.findings) {
      expect(f.fingerprint).toMatch(new RegExp(`^${f.rule}:${f.file}:[0-9a-f]{16}$`));
      expect(f).toHaveProperty('commit', null);
    }
    expect(out.skipped).toContainEqual({ file: 'img.png', reason: 'binary' });
    expect(out.skipped).toContainEqual({ file: 'outside-link', reason: 'symlink (not followed; it points outside the repository)' });
    // NUL after the first 8 kB probe is not binary: weird.txt has one early, so it is skipped as binary too.
    expect(out.skipped.map((s) => s.file)).toContain('weird.txt');
  });

  it('notes unreadable files and oversized files instead of crashing', () => {
    const repo = makeRepo();
    repo.write('secret.txt', `${gh}\n`);
    repo.write('big.txt', 'a'.repeat(2000) + '\n');
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: { enabled: true, maxFileBytes: 1000 } } }));
    chmodSync(join(repo.dir, 'secret.txt'), 0o000);
    const r = repo.cli(['scan']);
    chmodSync(join(repo.dir, 'secret.txt'), 0o644);
    if (process.getuid?.() === 0) {
      // root reads anything: the token is found instead.
      expect(r.status).toBe(1);
    } else {
      expect(r.stderr).toMatch(/secret\.txt: unreadable/);
    }
    expect(r.stderr).toMatch(/big\.txt: larger than 1000 bytes/);
    noSecretIn(r.output);
  });

  it('sarif output is SARIF 2.1.0 with rules, locations and fingerprints', () => {
    const repo = makeRepo();
    repo.write('a.sh', `export GITHUB_TOKEN="${gh}"\ncurl -u deploy:${pw} https://nexus.internal/x\n`);
    const r = repo.cli(['scan', '--format', 'sarif']);
    expect(r.status).toBe(1);
    noSecretIn(r.output);
    const s = JSON.parse(r.stdout);
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toMatch(/sarif-2\.1\.0/);
    const run = s.runs[0];
    expect(run.tool.driver.name).toBe('harness-hooks');
    expect(run.tool.driver.semanticVersion).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['github-pat', 'curl-user-credentials']));
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('a.sh');
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(res.partialFingerprints['harnessSecret/v1']).toMatch(/^[\w-]+:a\.sh:[0-9a-f]{16}$/);
    }
  });

  it('--range fails closed on an unresolvable range; reports the commit otherwise', () => {
    const repo = makeRepo();
    const bad = repo.cli(['scan', '--range', 'origin/nope..HEAD']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cannot resolve|fails closed/);
    repo.write('k.txt', `${npmTok}\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'leak', '--no-verify']);
    const sha = repo.git(['rev-parse', 'HEAD']).trim();
    const r = repo.cli(['scan', '--range', 'HEAD~1..HEAD', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: Record<string, unknown>) => [f.rule, f.commit])).toEqual([['npm-access-token', sha]]);
    const h = repo.cli(['scan', '--history', '--format', 'json']);
    expect(JSON.parse(h.stdout).findings.map((f: Record<string, unknown>) => [f.rule, f.file, f.line, f.commit])).toEqual([['npm-access-token', 'k.txt', 1, sha]]);
  });

  it('--staged scans the index (partially staged files as staged); --baseline-update never accepts a staged secret', () => {
    const repo = makeRepo();
    repo.write('app.py', 'a = 1\nb = 2\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base']);
    repo.write('app.py', `a = 1\nTOKEN = "${gh}"\nb = 2\n`);
    repo.git(['add', 'app.py']);
    repo.write('app.py', `NPM = "${npmTok}"\na = 1\nTOKEN = "${gh}"\nb = 2\n`);
    const r = repo.cli(['scan', '--staged', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: Record<string, unknown>) => [f.rule, f.line])).toEqual([['github-pat', 2]]);
    const u = repo.cli(['scan', '--staged', '--baseline-update']);
    expect(u.status, u.stderr).toBe(0);
    expect(u.stderr).toMatch(/Not accepted: 1 finding in 1 file not committed/);
    const base = readFileSync(join(repo.dir, '.secrets-baseline.json'), 'utf8');
    noSecretIn(base);
    expect(JSON.parse(base).findings).toEqual([]);
    expect(repo.cli(['scan', '--staged']).status).toBe(1);
  });

  it('--baseline-update accepts committed secrets only, and the hooks read the baseline git has, not the working tree', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true } }));
    expect(repo.cli(['init', '--no-install']).status).toBe(0);
    repo.write('old.py', `TOKEN = "${gh}"\nx = 1\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'before the hooks', '--no-verify']);
    repo.write('new.py', `NPM = "${npmTok}"\n`); // untracked: a new secret
    const u = repo.cli(['scan', '--baseline-update']);
    expect(u.status, u.stderr).toBe(0);
    expect(u.stderr).toContain('Not accepted: 1 finding in 1 file not committed as they are (new.py)');
    const base = JSON.parse(readFileSync(join(repo.dir, '.secrets-baseline.json'), 'utf8'));
    expect(base.findings.map((f: { path: string }) => f.path)).toEqual(['old.py']);
    // new.py's secret still blocks.
    repo.git(['add', 'new.py']);
    const c1 = repo.tryGit(['commit', '-qm', 'feat: npm']);
    expect(c1.status).not.toBe(0);
    expect(c1.stderr).toContain('new.py:1');
    repo.git(['rm', '-q', '--cached', 'new.py']);
    // Moving the old secret re-adds its line: accepted only once the baseline is staged.
    repo.write('old.py', `x = 1\nTOKEN = "${gh}"\n`);
    repo.git(['add', 'old.py']);
    const c2 = repo.tryGit(['commit', '-qm', 'refactor: order']);
    expect(c2.status, 'an unstaged baseline accepts nothing').not.toBe(0);
    expect(c2.stderr).toContain('old.py:2');
    repo.git(['add', '.secrets-baseline.json']);
    const c3 = repo.tryGit(['commit', '-qm', 'refactor: order']);
    expect(c3.status, c3.output).toBe(0);
    expect(c3.output).toContain('added to the baseline');
    // An unstaged edit of the committed baseline changes nothing: the index's version counts.
    repo.write('.secrets-baseline.json', '{"version": 1, "findings": []}\n');
    repo.write('old.py', `TOKEN = "${gh}"\nx = 1\n`);
    repo.git(['add', 'old.py']);
    const c4 = repo.tryGit(['commit', '-qm', 'refactor: order again']);
    expect(c4.status, c4.output).toBe(0);
    noSecretIn(c1.output + c2.output + c3.output + c4.output);
  });
});

describe('hooks: a real git commit', () => {
  it('is blocked by a staged secret and not by a secret only in an unstaged hunk', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true } }));
    const init = repo.cli(['init', '--no-install']);
    expect(init.status, init.output).toBe(0);
    const filler = Array.from({ length: 20 }, (_, i) => `export const f${i} = ${i};`);
    repo.write('svc.ts', ['export const a = 1;', ...filler].join('\n') + '\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base']);

    // Staged secret: blocked.
    const withSecret = ['export const a = 1;', ...filler, `export const t = '${gh}';`];
    repo.write('svc.ts', withSecret.join('\n') + '\n');
    repo.git(['add', 'svc.ts']);
    const blocked = repo.tryGit(['commit', '-m', 'add token']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('github-pat');
    expect(blocked.output).toContain('svc.ts:22');
    noSecretIn(blocked.output);

    // Unstage it; keep it only in the worktree, stage only the unrelated first hunk.
    repo.git(['reset', '-q', 'svc.ts']);
    repo.write('svc.ts', ['export const a = 2;', ...filler, `export const t = '${gh}';`].join('\n') + '\n');
    repo.git(['add', '-p', 'svc.ts'], { input: 'y\nn\n' });
    const staged = repo.git(['diff', '--cached']);
    expect(staged).toContain('+export const a = 2;');
    expect(staged).not.toContain('ghp_');
    const ok = repo.tryGit(['commit', '-m', 'bump a']);
    expect(ok.status, ok.output).toBe(0);
    expect(repo.git(['show', 'HEAD:svc.ts'])).not.toContain('ghp_');
    expect(existsSync(join(repo.dir, 'svc.ts'))).toBe(true);
  });
});
