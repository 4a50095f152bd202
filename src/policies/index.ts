/**
 * The registry of built-in policies. Each file declares one policy with definePolicy(); the config
 * schema, JSON Schema, docs check and runner all read this list, so a policy is declared once.
 * Keep policy modules light at import time: load heavy data (secret rules, lint-staged) in run().
 */
import type { Policy } from '../engine/types.js';
import { worktreePolicy } from './worktree.js';
import { branchesPolicy } from './branches.js';
import { pathsPolicy } from './paths.js';
import { secretsPolicy } from './secrets.js';
import { sizePolicy } from './size.js';
import { testsPolicy } from './tests.js';
import { commandsPolicy } from './commands.js';
import { commitMessagePolicy } from './commit-message.js';
import { agentsMdPolicy } from './agents-md.js';
import { evidencePolicy } from './evidence.js';

// The order here is the order of the report.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const POLICIES: readonly Policy<any>[] = [
  worktreePolicy,
  branchesPolicy,
  pathsPolicy,
  secretsPolicy,
  sizePolicy,
  testsPolicy,
  commandsPolicy,
  commitMessagePolicy,
  agentsMdPolicy,
  evidencePolicy,
];

export function getPolicy(id: string) {
  return POLICIES.find((p) => p.id === id);
}
