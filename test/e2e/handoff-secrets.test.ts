/**
 * No secrets anywhere: a token committed with an allow marker (and pasted into a note, the commit
 * message, a failing command's output and a waiver reason) appears in none of our outputs: terminal,
 * ledger, handoff files, notes, trailers, git notes, verify and handoff --range output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { hookedRepo } from './handoff-fixture.js';

afterAll(cleanupAll);

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('no secrets in any handoff output', () => {
  it('a committed, allow-listed token never shows up in full', () => {
    // Built at run time so this file does not itself contain a token-shaped string.
    const token = ['ghp', '_', 'R7kQ2xLm9Vb4', 'Tz1Yc8Np3Hs6', 'Jd5Wf0Ga2Ue7Io'].join('');
    const middle = token.slice(8, 28);
    const r = hookedRepo({
      handoff: { notes: { enabled: true } },
      policies: {
        evidence: true,
        secrets: true,
        commands: { enabled: true, tasks: { '*.js': `node -e "console.log('auth failed for ${token}'); process.exit(process.env.LINT_FAIL ? 1 : 0)"` } },
      },
    });
    const remote = makeRepo({ bare: true, commit: false });
    r.git(['remote', 'add', 'origin', remote.dir]);
    r.git(['push', '-q', '--no-verify', 'origin', `${r.base}:refs/heads/main`]);
    r.git(['fetch', '-q', 'origin']);
    const outputs: string[] = [];
    const note = r.cli(['note', `the staging token is ${token}, rotate it later`]);
    outputs.push(note.output, r.cli(['note', '--list']).output, r.cli(['note', '--list', '--format', 'json']).output);
    r.write('client.js', `const token = "${token}"; // harness-secrets:allow github-pat,generic-token test fixture, revoked\n`);
    r.git(['add', 'client.js']);
    const msg = 'feat: client\n\nHarness-Waive: size: the fixture file is allow-listed inline\n';
    // A failing command that prints the token: blocked, and the report must not show it.
    const blocked = r.tryGit(['commit', '-q', '-m', msg], { env: { LINT_FAIL: '1' } });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/redacted/i);
    outputs.push(blocked.output);
    // The token is also pasted into the subject. (Its checksum is not a real GitHub one, so the
    // secret scanner lets the message through; our own outputs must still never show it.)
    const ok = r.tryGit(['commit', '-q', '-m', `feat: client ${token}\n\n${msg}`]);
    expect(ok.status, ok.output).toBe(0);
    outputs.push(ok.output);
    // Our trailer. (The message itself is the user's text, kept by git as written.)
    const evidence = r.git(['log', '-1', '--format=%(trailers:key=Harness-Evidence)']);
    expect(evidence).toMatch(/Harness-Evidence: v1 /);
    outputs.push(evidence);
    outputs.push(r.git(['notes', '--ref=refs/notes/harness', 'show', 'HEAD']));
    expect(outputs[outputs.length - 1]).toContain('# Handoff'); // git notes carry the handoff
    const push = r.tryGit(['push', 'origin', 'HEAD:refs/heads/main']);
    expect(push.status, push.output).toBe(0);
    outputs.push(push.output);
    // notes were pushed along (handoff.notes.push defaults to true)
    expect(remote.git(['notes', '--ref=refs/notes/harness', 'list']).trim()).not.toBe('');
    for (const args of [
      ['verify', '--range', `${r.base}..HEAD`],
      ['verify', '--range', `${r.base}..HEAD`, '--format', 'json'],
      ['handoff', '--range', `${r.base}..HEAD`],
      ['handoff', '--range', `${r.base}..HEAD`, '--format', 'json'],
    ]) {
      const res = r.cli(args);
      expect(res.status, res.output).toBe(0);
      outputs.push(res.output);
    }
    const stored = allFiles(join(r.dir, '.harness')).map((f) => readFileSync(f, 'utf8'));
    expect(stored.length).toBeGreaterThan(4);
    const everything = [...outputs, ...stored].join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(middle);
    // ... while the facts around it are still there
    const md = r.handoff();
    expect(md).toMatch(/the staging token is .*redacted/i);
    expect(md).toMatch(/\*\*secret-ignore\*\* `client\.js:1`/);
    expect(md).toMatch(/# Handoff [0-9a-f]{12}: feat: client \S*redacted/i);
    expect(md).toMatch(/\| pre-commit \| secrets \| (passed|warned) \|/);
    expect(md).toMatch(/\*\*secrets\/inline-allow-added\*\* \(info\) `client\.js:1`/);
  });

  it('a secret in a rejected commit subject is not echoed by the commit-message finding, nor stored in the ledger', () => {
    const pw = 'Zq8kP2mVx9LwQ7rT';
    const r = hookedRepo({ policies: { evidence: false, 'commit-message': { enabled: true, conventional: true } } });
    r.write('config.txt', 'x\n');
    r.git(['add', 'config.txt']);
    const c = r.tryGit(['commit', '-q', '-m', `add db password="${pw}" to config`]);
    expect(c.status).not.toBe(0);
    expect(c.output).toMatch(/conventional|type\(scope\)/i);
    expect(c.output).not.toContain(pw);
    const stored = allFiles(join(r.dir, '.harness')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(stored).toMatch(/commit-message/);
    expect(stored).not.toContain(pw);
  });
});

