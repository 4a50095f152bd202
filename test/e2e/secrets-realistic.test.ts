/**
 * A few realistic corpus files (test/fixtures/secrets-realistic/) through a real `git commit` with the
 * installed hooks and the secrets policy: leaks block the commit naming rule and file:line, without
 * printing the secret; the look-alikes commit cleanly; a secret pasted into the message is blocked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, cleanupAll, type Repo } from '../helpers/repo.js';
import { LEAK_CASES } from '../fixtures/secrets-realistic/leaks.js';
import { CLEAN_CASES } from '../fixtures/secrets-realistic/clean.js';

afterAll(cleanupAll);

const leak = (name: string) => LEAK_CASES.find((c) => c.name === name)!;
const clean = (name: string) => CLEAN_CASES.find((c) => c.name === name)!;

function hookedRepo(): Repo {
  const repo = makeRepo();
  repo.write('.harnessrc.json', JSON.stringify({ policies: { secrets: true } }));
  const init = repo.cli(['init', '--no-install']);
  expect(init.status, init.output).toBe(0);
  repo.git(['add', '.']);
  repo.git(['commit', '-qm', 'harness config']);
  return repo;
}

describe('realistic files through git commit', () => {
  const leaks = [
    leak('.env with a database URL, Stripe and OpenAI keys'),
    leak('Kubernetes TLS Secret (tls.key is a base64 PEM private key)'),
    leak('WordPress wp-config.php define() credentials'),
    leak('Backup script with mysqldump -p<password>'),
    leak('pydantic settings with typed defaults'),
  ];
  for (const c of leaks) {
    it(`blocks ${c.path}: ${c.name}`, () => {
      const repo = hookedRepo();
      repo.write(c.path, c.text);
      repo.git(['add', c.path]);
      const r = repo.tryGit(['commit', '-m', `add ${c.path}`]);
      expect(r.status, r.output).not.toBe(0);
      for (const e of c.expect.filter((x) => !x.miss)) {
        const line = c.text.slice(0, c.text.indexOf(e.secret)).split('\n').length;
        expect(r.output).toContain(`${c.path}:${line}`);
        if (typeof e.rule === 'string') expect(r.output).toContain(e.rule);
        expect(r.output).not.toContain(e.secret);
      }
      expect(repo.git(['log', '--oneline']).trim().split('\n')).toHaveLength(2);
    });
  }

  it('commits the look-alikes (lockfile, placeholders, password hashes, an ExternalSecret) cleanly', () => {
    const repo = hookedRepo();
    const cases = [clean('package-lock.json'), clean('.env.example with placeholders'), clean('bcrypt hashes in seed data'), clean('Kubernetes ExternalSecret'), clean('.NET app.config without credentials')];
    for (const c of cases) repo.write(c.path, c.text);
    repo.git(['add', '.']);
    const r = repo.tryGit(['commit', '-m', 'add configs']);
    expect(r.status, r.output).toBe(0);
    expect(repo.git(['show', '--stat', '--format=', 'HEAD'])).toContain('package-lock.json');
  });

  it('blocks a credential pasted into the commit message', () => {
    const c = leak('Commit message that pastes a credential');
    const repo = hookedRepo();
    repo.write('sms.ts', 'export const provider = "twilio";\n');
    repo.git(['add', 'sms.ts']);
    const r = repo.tryGit(['commit', '-m', c.text]);
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).toContain('twilio-auth-token');
    expect(r.output).not.toContain(c.expect[0]!.secret);
  });
});
