import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { commitMessagePolicy } from '../../src/policies/commit-message.js';
import { checkConventional, cleanMessage, DEFAULT_TYPES, parseTrailers } from '../../src/policies/lib/message.js';
import { runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

const scissors = '# ------------------------ >8 ------------------------';

describe('commit-message policy', () => {
  it('does nothing by default', async () => {
    const repo = makeRepo();
    expect((await runPolicy(commitMessagePolicy, repo, {}, { hook: 'commit-msg', message: 'whatever\n', env: { CLAUDECODE: '1' } })).findings).toEqual([]);
  });

  it('checks Conventional Commits and suggests a corrected first line', async () => {
    const repo = makeRepo();
    const run = (message: string) => runPolicy(commitMessagePolicy, repo, { conventional: true }, { hook: 'commit-msg', message });
    expect((await run('feat(api)!: drop v1 endpoints\n\nBody.\n')).findings).toEqual([]);
    expect((await run('fix: handle empty input\n')).findings).toEqual([]);
    expect((await run("Merge branch 'feature' into main\n")).findings).toEqual([]);
    expect((await run('fixup! feat: x\n')).findings).toEqual([]);
    const bad = (await run('Added the login page\n# Please enter the commit message\n')).findings;
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ policy: 'commit-message', rule: 'conventional', line: 1, waivable: true });
    expect(bad[0]!.fix).toContain("git commit -m 'feat: added the login page'");
    const badType = (await run('Feature: x\n')).findings;
    expect(badType[0]!.message).toContain('"Feature" is not an allowed type');
  });

  it('ignores comment lines and the scissors section, as git does', async () => {
    const repo = makeRepo();
    const message = `# leading comment\nfeat: real subject\n\n# Changes to be committed:\n${scissors}\ndiff --git a/x b/x\nNot conventional\n`;
    expect((await runPolicy(commitMessagePolicy, repo, { conventional: true, requireTrailers: ['Assisted-by'], trailersFor: 'everyone' }, { hook: 'commit-msg', message: message.replace('feat: real subject', 'feat: real subject\n\nAssisted-by: me') })).findings).toEqual([]);
    expect(cleanMessage(message)).toBe('feat: real subject');
  });

  it('requires trailers from agents only by default', async () => {
    const repo = makeRepo();
    const cfg = { requireTrailers: ['Assisted-by'] };
    const msg = 'feat: x\n\nSome body.\n';
    expect((await runPolicy(commitMessagePolicy, repo, cfg, { hook: 'commit-msg', message: msg })).findings).toEqual([]);
    const agent = await runPolicy(commitMessagePolicy, repo, cfg, { hook: 'commit-msg', message: msg, env: { CODEX_SANDBOX: 'seatbelt' } });
    expect(agent.findings).toHaveLength(1);
    expect(agent.findings[0]).toMatchObject({ rule: 'trailer', waivable: true });
    expect(agent.findings[0]!.fix).toContain("--trailer 'Assisted-by: codex'");
    const ok = await runPolicy(commitMessagePolicy, repo, cfg, { hook: 'commit-msg', message: `${msg}\nAssisted-by: codex/gpt-5\n`, env: { CODEX_SANDBOX: 'seatbelt' } });
    expect(ok.findings).toEqual([]);
    // A trailer-looking line in the subject paragraph is not a trailer.
    const subjectOnly = await runPolicy(commitMessagePolicy, repo, cfg, { hook: 'commit-msg', message: 'Assisted-by: codex\n', env: { CODEX_SANDBOX: 'seatbelt' } });
    expect(subjectOnly.findings).toHaveLength(1);
  });

  it('reads trailers the way git interpret-trailers does', () => {
    const repo = makeRepo();
    const samples = [
      'subject\n\nbody\n\nAssisted-by: claude\nSigned-off-by: A <a@b>\n',
      'subject\n\nAssisted-by: x\nthis line is prose and not a trailer at all\nnor this one\n',
      'subject\n\nKey: value\n  continued\n',
      'subject only: not a trailer\n',
      'subject\n\nbody with colon: inside a sentence that is long\n',
    ];
    for (const s of samples) {
      const gitSays = repo
        .git(['interpret-trailers', '--parse'], { input: s })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(': ')[0]);
      expect(parseTrailers(cleanMessage(s)).map((t) => t.key), s).toEqual(gitSays);
    }
  });

  it('conventional helper', () => {
    expect(checkConventional('feat(): x', DEFAULT_TYPES)!.problem).toContain('scope');
    expect(checkConventional('docs: x', DEFAULT_TYPES)).toBeUndefined();
    expect(checkConventional('Fix typo in README', DEFAULT_TYPES)!.suggestion).toBe('fix: fix typo in README');
  });
});
