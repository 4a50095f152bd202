/** One test per entry of the agent-detection table (src/engine/agent.ts AGENT_MARKERS). */
import { describe, expect, it } from 'vitest';
import { AGENT_MARKERS, detectAgent } from '../../src/engine/agent.js';

/** For every marker: an environment that must be detected, and one that must not. */
const SAMPLES: Record<string, { yes: NodeJS.ProcessEnv; no: NodeJS.ProcessEnv; name?: string }> = {
  'claude-code:CLAUDECODE': { yes: { CLAUDECODE: '1' }, no: { CLAUDECODE: '0' } },
  'claude-code:CLAUDE_CODE_ENTRYPOINT': { yes: { CLAUDE_CODE_ENTRYPOINT: 'cli' }, no: { CLAUDE_CODE_ENTRYPOINT: '' } },
  'codex:CODEX_SANDBOX': { yes: { CODEX_SANDBOX: 'seatbelt' }, no: { CODEX_HOME: '/home/me/.codex' } },
  'codex:CODEX_SANDBOX_NETWORK_DISABLED': { yes: { CODEX_SANDBOX_NETWORK_DISABLED: '1' }, no: { CODEX_SANDBOX_NETWORK_DISABLED: '0' } },
  'codex:CODEX_THREAD_ID': { yes: { CODEX_THREAD_ID: '0199a1b2-c3d4' }, no: { CODEX_THREAD_ID: '' } },
  'codex:CODEX_CI': { yes: { CODEX_CI: '1' }, no: { CI: '1' } },
  'cursor:CURSOR_AGENT': { yes: { CURSOR_AGENT: '1' }, no: { CURSOR_AGENT: '' } },
  // A person typing in Cursor's terminal has CURSOR_TRACE_ID too: that alone is not an agent.
  'cursor:CURSOR_TRACE_ID': { yes: { CURSOR_TRACE_ID: 'abc123', PAGER: 'head -n 10000 | cat' }, no: { CURSOR_TRACE_ID: 'abc123', PAGER: 'less' } },
  'gemini-cli:GEMINI_CLI': { yes: { GEMINI_CLI: '1' }, no: { GEMINI_API_KEY: 'x' } },
  'aider:GIT_COMMITTER_NAME': { yes: { GIT_COMMITTER_NAME: 'Ann Lee (aider)' }, no: { GIT_COMMITTER_NAME: 'Ann Lee' } },
  'aider:GIT_AUTHOR_NAME': { yes: { GIT_AUTHOR_NAME: 'Ann Lee (aider)' }, no: { GIT_AUTHOR_NAME: 'Aider Fan' } },
  'copilot:COPILOT_AGENT_ACTION': { yes: { COPILOT_AGENT_ACTION: 'fix-pr-comment' }, no: { COPILOT_AGENT_ACTION: '' } },
  'copilot:GITHUB_ACTOR': { yes: { GITHUB_ACTOR: 'copilot-swe-agent[bot]' }, no: { GITHUB_ACTOR: 'octocat' } },
  'opencode:OPENCODE': { yes: { OPENCODE: '1' }, no: { OPENCODE: 'true-ish' } },
  'amp:AMP_CURRENT_THREAD_ID': { yes: { AMP_CURRENT_THREAD_ID: 'T-1234' }, no: { AMP_API_KEY: 'x' } },
  'ai-agent:AI_AGENT': { yes: { AI_AGENT: 'Devin@1' }, no: { AI_AGENT: '' }, name: 'devin@1' },
};

describe('agent detection table', () => {
  it('every entry has a test sample (add one when you add an entry)', () => {
    expect(AGENT_MARKERS.map((m) => `${m.name}:${m.env}`).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const m of AGENT_MARKERS) {
    const key = `${m.name}:${m.env}`;
    it(`${key} is detected, and its look-alike is not`, () => {
      const s = SAMPLES[key]!;
      expect(detectAgent(s.yes)).toEqual({ isAgent: true, name: s.name ?? m.name, via: m.env });
      expect(detectAgent(s.no).isAgent).toBe(false);
      expect(m.note.length).toBeGreaterThan(20);
    });
  }

  it('HARNESS_AGENT forces either way and wins over markers', () => {
    expect(detectAgent({ HARNESS_AGENT: '1' })).toEqual({ isAgent: true, name: 'explicit', via: 'HARNESS_AGENT' });
    expect(detectAgent({ HARNESS_AGENT: 'my-bot' })).toMatchObject({ isAgent: true, name: 'my-bot' });
    expect(detectAgent({ HARNESS_AGENT: '0', CLAUDECODE: '1' })).toEqual({ isAgent: false, via: 'HARNESS_AGENT' });
    expect(detectAgent({})).toEqual({ isAgent: false });
  });
});
