/** Programmatic API: types for configs and custom tooling. */
export { definePolicy, EXIT, HOOK_NAMES } from './engine/types.js';
export type {
  AddedLine,
  AgentInfo,
  ChangeSet,
  ChangedFile,
  CommandRecord,
  CommitInfo,
  Finding,
  HookName,
  Policy,
  PolicyBaseConfig,
  PolicyContext,
  PushRef,
  RepoInfo,
  RuleSource,
  RunRecord,
  Severity,
} from './engine/types.js';
export type { UserConfig, ResolvedConfig } from './config/schema.js';
import type { UserConfig } from './config/schema.js';

/** Type-checked config for harness.config.{js,mjs}: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
