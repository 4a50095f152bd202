/**
 * Is an AI coding agent making this commit? One table of environment markers, checked in order.
 * Each entry is documented in docs/agents.md and has a test. `HARNESS_AGENT=1` (or a name) forces
 * agent mode; `HARNESS_AGENT=0` forces human mode (for example in a terminal an agent opened for you).
 */
import type { AgentInfo } from './types.js';

export interface AgentMarker {
  /** Agent id used in reports and ledger records. */
  name: string;
  /** Environment variable that the agent sets in the commands it runs. */
  env: string;
  /** Value that must match (default: any non-empty value). */
  value?: RegExp;
  /** Other variables that must match too (a marker that alone would also fire for people). */
  also?: Readonly<Record<string, RegExp>>;
  /** Use the variable's value as the agent name (for the generic AI_AGENT convention). */
  nameFromValue?: boolean;
  /** Where the fact comes from, for docs/agents.md. */
  note: string;
}

/**
 * Checked in order; the first match wins. Only markers an agent sets in the commands it runs, and
 * that a person's own terminal does not carry, belong here (see docs/agents.md for the sources).
 */
export const AGENT_MARKERS: readonly AgentMarker[] = [
  { name: 'claude-code', env: 'CLAUDECODE', value: /^1$/, note: 'Claude Code sets CLAUDECODE=1 in the shells it spawns for its Bash tool.' },
  { name: 'claude-code', env: 'CLAUDE_CODE_ENTRYPOINT', note: 'Claude Code (CLI, SDK, IDE) records how it was started, e.g. `cli` or `sdk-ts`.' },
  { name: 'codex', env: 'CODEX_SANDBOX', note: 'OpenAI Codex CLI sets CODEX_SANDBOX (e.g. `seatbelt`) for commands it runs sandboxed.' },
  { name: 'codex', env: 'CODEX_SANDBOX_NETWORK_DISABLED', value: /^1$/, note: 'OpenAI Codex CLI sets CODEX_SANDBOX_NETWORK_DISABLED=1 for commands run without network.' },
  { name: 'codex', env: 'CODEX_THREAD_ID', note: 'OpenAI Codex CLI exposes the session thread id to commands.' },
  { name: 'codex', env: 'CODEX_CI', note: 'OpenAI Codex marks commands it runs non-interactively.' },
  { name: 'cursor', env: 'CURSOR_AGENT', note: "Cursor's agent (cursor-agent / the CLI) sets CURSOR_AGENT for commands it runs." },
  {
    name: 'cursor',
    env: 'CURSOR_TRACE_ID',
    also: { PAGER: /^head -n 10000 \| cat$/ },
    note: "Cursor's terminal always has CURSOR_TRACE_ID (people too); only with PAGER=`head -n 10000 | cat`, which the agent sets, is it the agent.",
  },
  { name: 'gemini-cli', env: 'GEMINI_CLI', value: /^1$/, note: 'Gemini CLI sets GEMINI_CLI=1 in the shell commands it runs.' },
  { name: 'aider', env: 'GIT_COMMITTER_NAME', value: / \(aider\)$/, note: 'Aider commits with GIT_COMMITTER_NAME="<you> (aider)" (its default --attribute-committer), which git passes to hooks.' },
  { name: 'aider', env: 'GIT_AUTHOR_NAME', value: / \(aider\)$/, note: 'Aider sets GIT_AUTHOR_NAME="<you> (aider)" for commits of its own edits (--attribute-author).' },
  { name: 'copilot', env: 'COPILOT_AGENT_ACTION', note: 'The GitHub Copilot coding agent runs in GitHub Actions with COPILOT_AGENT_ACTION (e.g. `fix-pr-comment`).' },
  { name: 'copilot', env: 'GITHUB_ACTOR', value: /^copilot-swe-agent(\[bot\])?$/, note: "The Copilot coding agent's workflow runs as the actor copilot-swe-agent[bot]." },
  { name: 'opencode', env: 'OPENCODE', value: /^1$/, note: 'opencode sets OPENCODE=1 in commands it runs.' },
  { name: 'amp', env: 'AMP_CURRENT_THREAD_ID', note: "Amp passes the thread id to its shell tool's commands." },
  { name: 'ai-agent', env: 'AI_AGENT', nameFromValue: true, note: 'The generic AI_AGENT=<tool-name> convention (promoted by @vercel/detect-agent); the value is the agent name.' },
];

export function detectAgent(env: NodeJS.ProcessEnv): AgentInfo {
  const explicit = env.HARNESS_AGENT;
  if (explicit !== undefined && explicit !== '') {
    if (/^(0|false|no|off)$/i.test(explicit)) return { isAgent: false, via: 'HARNESS_AGENT' };
    return { isAgent: true, name: /^(1|true|yes|on)$/i.test(explicit) ? 'explicit' : explicit, via: 'HARNESS_AGENT' };
  }
  for (const m of AGENT_MARKERS) {
    const v = env[m.env];
    if (v === undefined || v === '') continue;
    if (m.value && !m.value.test(v)) continue;
    if (m.also && !Object.entries(m.also).every(([k, re]) => re.test(env[k] ?? ''))) continue;
    const name = m.nameFromValue ? v.trim().toLowerCase().replace(/[^a-z0-9@._-]+/g, '-').slice(0, 40) || m.name : m.name;
    return { isAgent: true, name, via: m.env };
  }
  return { isAgent: false };
}
