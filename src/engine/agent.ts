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
  /** Where the fact comes from, for docs. */
  note: string;
}

export const AGENT_MARKERS: readonly AgentMarker[] = [
  { name: 'claude-code', env: 'CLAUDECODE', value: /^1$/, note: 'Claude Code sets CLAUDECODE=1 in the shells it spawns.' },
  { name: 'claude-code', env: 'CLAUDE_CODE_ENTRYPOINT', note: 'Claude Code (CLI, SDK, IDE) records how it was started.' },
  { name: 'codex', env: 'CODEX_SANDBOX', note: 'OpenAI Codex CLI sets CODEX_SANDBOX (e.g. seatbelt) for sandboxed commands.' },
  { name: 'codex', env: 'CODEX_SANDBOX_NETWORK_DISABLED', note: 'OpenAI Codex CLI marks commands run without network.' },
  { name: 'codex', env: 'CODEX_THREAD_ID', note: 'OpenAI Codex CLI exposes the session thread id to commands.' },
  { name: 'cursor', env: 'CURSOR_AGENT', note: 'Cursor sets CURSOR_AGENT=1 for commands its agent runs.' },
  { name: 'cursor', env: 'CURSOR_TRACE_ID', note: "Cursor's terminal carries a trace id for agent sessions." },
  { name: 'gemini-cli', env: 'GEMINI_CLI', value: /^1$/, note: 'Gemini CLI sets GEMINI_CLI=1 in shell commands it runs.' },
  { name: 'aider', env: 'AIDER_MODEL', note: 'Aider exports its AIDER_* settings, including the model, to commands.' },
  { name: 'aider', env: 'AIDER_CHAT_HISTORY_FILE', note: 'Aider exports the chat history path.' },
  { name: 'copilot', env: 'COPILOT_AGENT_ACTION', note: 'The GitHub Copilot coding agent runs with COPILOT_AGENT_* variables.' },
  { name: 'copilot', env: 'GITHUB_COPILOT_AGENT', note: 'Set in GitHub Copilot agent sessions.' },
  { name: 'opencode', env: 'OPENCODE', value: /^1$/, note: 'opencode sets OPENCODE=1 in commands it runs.' },
  { name: 'amp', env: 'AMP_CURRENT_THREAD_ID', note: 'Amp exposes its thread id to commands.' },
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
    return { isAgent: true, name: m.name, via: m.env };
  }
  return { isAgent: false };
}
