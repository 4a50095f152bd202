/** AGENTS.md support: the entry points other parts of harness-hooks use (init --from-agents-md, rules, sync). */
export { rulesToConfig, analyzeRepo, type CoverageRow, type CoverageStatus, type RulesResult } from './coverage.js';
export { discover, filesFor, chainFor, type Discovery, type InstructionFile } from './discover.js';
export { readMarkdown, type RuleSentence } from './reader.js';
export { analyze, analyzeText, type Analysis, type Mapping } from './match.js';
export { CATALOG, type CatalogEntry } from './catalog.js';
export { renderBlock, applyBlock, blockState } from './sync.js';
