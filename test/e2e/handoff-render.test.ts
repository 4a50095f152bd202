/**
 * The renderer on a real commit with the run records a waivable policy would leave: waivers with
 * their reasons, findings with file:line, command output tails (redacted, last lines only).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { buildCommitHandoff, renderCommitMarkdown } from '../../src/handoff/render.js';
import { verifyCommits } from '../../src/handoff/evidence.js';
import { readCommit } from '../../src/handoff/render.js';
import { handoffConfigSchema } from '../../src/handoff/config.js';
import type { RunRecord } from '../../src/engine/types.js';

afterAll(cleanupAll);

function rec(hook: 'pre-commit' | 'commit-msg', extra: Partial<RunRecord>): RunRecord {
  return {
    v: 1,
    id: hook,
    time: '2026-11-21T00:00:00.000Z',
    hook,
    outcome: 'passed',
    exitCode: 0,
    durationMs: 1234,
    repo: { root: '/x', linkedWorktree: false },
    agent: { isAgent: true, name: 'codex', via: 'CODEX_SANDBOX' },
    policies: [],
    findings: [],
    waivers: [],
    skipped: [],
    commands: [],
    configHash: 'c',
    ...extra,
  };
}

describe('handoff renderer', () => {
  it('shows waivers with reasons, findings, and the last lines of command output', async () => {
    const r = makeRepo();
    r.write('src/a.ts', 'export const a = 1;\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'feat: a']);
    const repo = await readRepoInfo(r.dir, r.env);
    const sha = r.git(['rev-parse', 'HEAD']).trim();
    const token = ['xoxb', '-', '123456789012', '-', 'abcdefghijKLMNOP'].join('');
    const output = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + `\nAuthorization failed for ${token}`;
    const records = [
      rec('pre-commit', {
        policies: [
          { id: 'size', status: 'waived', durationMs: 3, findings: 1 },
          { id: 'tests', status: 'passed', durationMs: 2100, findings: 0 },
        ],
        findings: [{ policy: 'size', severity: 'error', message: 'The commit changes 900 lines; the limit is 400.', file: 'src/a.ts', line: 1, waivable: true, waived: { reason: 'generated client, reviewed', via: 'trailer' } }],
        waivers: [{ policies: ['size'], reason: 'generated client, reviewed', via: 'trailer' }],
        commands: [{ policy: 'tests', command: 'npm test', exitCode: 0, durationMs: 2100, tail: output }],
      }),
      rec('commit-msg', { policies: [{ id: 'commit-message', status: 'passed', durationMs: 1, findings: 0 }] }),
    ];
    const [evidence] = await verifyCommits([await readCommit(r.dir, sha, r.env)], r.dir, r.env);
    const h = await buildCommitHandoff({ repo, sha, env: r.env, handoff: handoffConfigSchema.parse({}), records, evidence: evidence! });
    const md = renderCommitMarkdown(h);
    expect(md).toContain('| Made by an AI agent | yes: codex (detected via CODEX_SANDBOX) |');
    expect(md).toContain('| pre-commit | size | waived | 3 ms | 1 |');
    expect(md).toContain('| pre-commit | tests | passed | 2.1 s | 0 |');
    expect(md).toContain('- pre-commit: **size** waived via Harness-Waive trailer: generated client, reviewed');
    expect(md).toMatch(/\*\*policy-waived\*\*: pre-commit: size waived \(trailer\): generated client, reviewed/);
    expect(md).toContain('- pre-commit · **size** (error, waived: generated client, reviewed) `src/a.ts:1`: The commit changes 900 lines; the limit is 400.');
    expect(md).toContain('- `npm test` (tests): exit 0 in 2.1 s');
    expect(md).toMatch(/line 40\nAuthorization failed for .*redacted/i);
    expect(md).not.toContain('line 25\n'); // only the last 15 lines
    expect(md).not.toContain(token);
    // evidence: a commit made without the hooks has none, and the header says so
    expect(md).toMatch(/\| Evidence \| MISSING: /);
  });
});
