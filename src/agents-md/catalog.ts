/**
 * The phrase catalog: rule sentences -> policy config, as data. Every entry carries its own positive
 * sentences (with the config they must produce) and negatives that must not match it; one table-driven
 * test (test/unit/agents-md-catalog.test.ts) checks them all.
 *
 * Regexes run on the normalised sentence (lower case, plain text, straight quotes, inline code kept
 * in backticks; see extract.ts normalize). `set` maps config keys (dotted for nested ones) to values;
 * a string starting with `$` is filled from the sentence by an extractor (see match.ts). `needs` are
 * placeholders that must be found for the entry to apply; `needsAny` means at least one of them.
 * A sentence that only grants permission ("you may ...") or carries an exception the policy cannot
 * express ("... except docs") never produces config; see match.ts.
 */
import type { HookName } from '../engine/types.js';

export type Placeholder =
  | '$branches'
  | '$branchesOrDefault'
  | '$paths'
  | '$sourcePaths'
  | '$testCommand'
  | '$hook'
  | '$prLines'
  | '$prFiles'
  | '$commitLines'
  | '$commitFiles'
  | '$trailer'
  | '$types'
  | '$tasks'
  | '$formatTasks'
  | '$lintTasks'
  | '$lintScriptTasks'
  | '$m1';

export interface CatalogExample {
  text: string;
  /** Dotted config keys this sentence must set, with their values (arrays: must contain these). */
  expect?: Record<string, unknown>;
}

export interface CatalogEntry {
  id: string;
  /** Policy id (= config key under `policies`); null for rules recognised as guidance only. */
  policy: string | null;
  /** What the rule asks, in the words of the coverage table. */
  summary: string;
  /** Hooks the resulting config is enforced at ('$hook': from "before committing" / "before pushing"). */
  hooks: Array<HookName | '$hook'>;
  match: RegExp[];
  unless?: RegExp[];
  set: Record<string, unknown>;
  needs?: Placeholder[];
  needsAny?: Placeholder[];
  /** How a scope (subdirectory file, "In packages/api, ...") is expressed: path globs, `cd dir &&`, or not at all. */
  scope: 'paths' | 'command' | 'none';
  /** The rule may carry an exception clause the config already expresses (e.g. ".env.example is fine"). */
  exceptionsOk?: boolean;
  /** For guidance-only entries: why no deterministic check exists. */
  reason?: string;
  positives: CatalogExample[];
  negatives: string[];
}

// Shared fragments (normalised text: lower case, straight apostrophes).
const NEG = String.raw`(?:never|don't|do not|must not|must never|should not|should never|shall not|cannot|can't|may not|are not allowed to|is not allowed to|not allowed to|are never allowed to|no one may|nobody may|avoid|refrain from)`;
const COMMIT = String.raw`(?:commit(?:ting)?|push(?:ing)?|check(?:ing)? in|merg(?:e|ing))`;
const PR = String.raw`(?:pull requests?|merge requests?|prs?|mrs?)`;
const EDIT = String.raw`(?:edit|touch|modify|change|alter|update|rewrite|write to|delete|remove|rename|move|hand[- ]edit|manually (?:edit|modify|change|update))`;
const SECRET = String.raw`(?:secrets?|credentials?|api[- ]?keys?|access keys?|secret keys?|auth(?:entication)? tokens?|access tokens?|tokens?|passwords?|private keys?|connection strings?)`;
const RE = (s: string) => new RegExp(s);

export const CATALOG: CatalogEntry[] = [
  // ---------------------------------------------------------------- worktree
  {
    id: 'worktree.everyone',
    policy: 'worktree',
    summary: 'everyone works in a linked git worktree',
    hooks: ['pre-commit'],
    match: [RE(String.raw`\b(?:everyone|all contributors|all developers|humans and agents|people and agents|humans as well as agents|humans too)\b.*\bworktrees?\b`)],
    set: { enabled: true, require: 'linked', appliesTo: 'everyone' },
    scope: 'none',
    positives: [
      { text: 'Everyone, humans and agents, must work in a git worktree.', expect: { appliesTo: 'everyone', require: 'linked' } },
      { text: 'All contributors must use a separate worktree per task.', expect: { appliesTo: 'everyone' } },
      { text: 'Humans too: always commit from a linked worktree.', expect: { appliesTo: 'everyone' } },
    ],
    negatives: ['Everyone should run the tests.', 'All contributors must sign the CLA.', 'Worktrees live in ../wt.'],
  },
  {
    id: 'worktree.use',
    policy: 'worktree',
    summary: 'work in a linked git worktree',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b(?:use|work in|work from|work inside|create|start in|start from|do (?:your|all)(?: \w+)? work in|commit from|operate in|set up|spin up|make)\s+(?:a |an |your own |its own |one |a separate |separate |a dedicated |dedicated |a new |new |a fresh |fresh |a linked |linked |an isolated |isolated |git )*(?:git )?worktrees?\b`),
      RE(String.raw`\bgit worktree add\b`),
      RE(String.raw`\b(?:one|a|its own|a separate) (?:git )?worktree (?:per|for (?:each|every)) (?:task|agent|change|feature|branch|session|issue)\b`),
      RE(String.raw`\b(?:each|every) (?:task|agent|change|feature|session) (?:gets|needs|must have|should have|runs in|lives in|works in|work in|uses|must use) (?:its own|their own|a|a separate|a dedicated) (?:git )?worktree\b`),
    ],
    unless: [/\bworktree (?:prune|remove|list)\b/, /\b(?:remove|delete|clean up|prune) (?:the |your |old |stale )?worktrees?\b/],
    set: { enabled: true, require: 'linked' },
    scope: 'none',
    positives: [
      { text: 'Always use a git worktree.', expect: { enabled: true, require: 'linked' } },
      { text: 'Agents MUST work in their own **git worktree**, never in the main checkout.', expect: { require: 'linked' } },
      { text: 'Create a worktree for each task with `git worktree add ../wt-<name> -b <branch>`.', expect: { require: 'linked' } },
      { text: 'One worktree per task.', expect: { enabled: true } },
      { text: 'Each agent works in its own worktree and branch.', expect: { require: 'linked' } },
    ],
    negatives: ['Use a worktree if you need to run two agents at once.', 'Do not use worktrees for hotfixes.', 'Remove the worktree after the branch is merged.', 'Run `git worktree prune` weekly.'],
  },
  {
    id: 'worktree.not-main-checkout',
    policy: 'worktree',
    summary: 'never work in the main checkout',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:work|make (?:any )?(?:changes|edits)|edit(?: files| code)?|commit|code|write code|change (?:files|code))\s+(?:directly\s+|anything\s+)?(?:in|on|from|inside|within)\s+(?:the\s+|your\s+)?(?:main|primary|original|root|shared|default)\s+(?:checkout|clone|working (?:tree|copy|directory)|worktree|repo(?:sitory)?(?: checkout| clone| directory)?)\b`),
      RE(String.raw`\bthe (?:main|primary|original) (?:checkout|clone|working tree|worktree) is (?:off[- ]limits|read[- ]only|reserved)\b`),
      RE(String.raw`\bnever in the main (?:checkout|clone|working tree|worktree)\b`),
    ],
    set: { enabled: true, require: 'linked' },
    scope: 'none',
    positives: [
      { text: 'Never work directly in the main checkout.', expect: { enabled: true, require: 'linked' } },
      { text: "Don't make changes in the primary clone.", expect: { require: 'linked' } },
      { text: 'The main working tree is off-limits for agents.', expect: { require: 'linked' } },
    ],
    negatives: ['The main checkout lives at ~/src/app.', 'Work in the main checkout only when reviewing.', 'Never commit to main.'],
  },

  // ---------------------------------------------------------------- branches
  {
    id: 'branches.no-commit-to',
    policy: 'branches',
    summary: 'never commit or push to a protected branch',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?${COMMIT}\s+(?:(?:any|your|changes|code|anything|work|directly|straight)\s+)*(?:to|on|into|onto)\s+(?:the\s+)?(?:\x60[^\x60]+\x60|[\w./*-]+)`),
      RE(String.raw`\bno (?:direct |manual )?(?:commits|pushes|changes) (?:directly )?(?:to|on|into) (?:the )?\S+`),
      RE(String.raw`\b(?:\x60)?(?:main|master|trunk|develop)(?:\x60)?(?: branch)? is (?:protected|read[- ]only|locked)\b`),
      RE(String.raw`\b(?:direct )?(?:commits|pushes) (?:directly )?to (?:the )?\S+ (?:branch )?(?:are|is) (?:forbidden|prohibited|not allowed|blocked|disallowed)\b`),
    ],
    // The sentence is about commits: the check runs at pre-commit (a preset may bind branches to
    // pre-push only; applying adds pre-commit) and at pre-push with allowPush: false, so a commit
    // made with --no-verify still cannot reach the remote.
    set: { enabled: true, protected: ['$branches'], allowPush: false, hooks: ['pre-commit', 'pre-push'] },
    needs: ['$branches'],
    scope: 'none',
    positives: [
      { text: 'Never commit to main.', expect: { protected: ['main'] } },
      { text: 'NEVER push directly to `master`.', expect: { protected: ['master'] } },
      { text: 'Do not commit straight to the `develop` branch.', expect: { protected: ['develop'] } },
      { text: 'No direct commits to main.', expect: { protected: ['main'] } },
      { text: 'Direct pushes to main are forbidden.', expect: { protected: ['main'] } },
      { text: 'Never commit changes to main.', expect: { protected: ['main'] } },
      { text: 'Never, ever commit to main.', expect: { protected: ['main'] } },
      { text: 'Do **not** push to `main`/`master`.', expect: { protected: ['main', 'master'] } },
      { text: 'Never commit directly to `dev` or `main`.', expect: { protected: ['dev', 'main'] } },
    ],
    negatives: ['Never commit changes to `main.py` without tests.', 'You may commit to main for docs-only changes.', 'Commit to your feature branch often.', 'Merge main into your branch before pushing.', 'Never commit to a branch without a ticket.'],
  },
  {
    id: 'branches.pr-only',
    policy: 'branches',
    summary: 'changes reach the main branch only through a pull request',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:all|every|any)\s+(?:changes?|commits?|code|work|code changes)\s+(?:must |should |needs? to |has to |have to )?(?:go|goes|land|lands|be merged|get merged|is merged|are merged|come in|be submitted|be made)\s+(?:in\s+)?(?:through|via|by way of|as|with|in)\s+(?:an?\s+)?(?:reviewed\s+)?${PR}`),
      RE(String.raw`\b(?:always\s+)?(?:open|create|submit|use|raise)\s+(?:an?\s+)?${PR}\s+(?:for|with)\s+(?:every|all|each|any|your)\s+(?:changes?|commits?|work|code)\b`),
      RE(String.raw`\bonly (?:merge|land|push) (?:to|into) (?:\x60)?(?:main|master|trunk)(?:\x60)? (?:through|via|with) (?:an? )?(?:reviewed |approved )?${PR}`),
      RE(String.raw`\b(?:changes|code) (?:reach|get into|enter) (?:\x60)?(?:main|master|trunk)(?:\x60)? only (?:through|via) (?:an? )?${PR}`),
    ],
    set: { enabled: true, protected: ['$branchesOrDefault'], allowPush: false },
    scope: 'none',
    positives: [
      { text: 'All changes go through a PR.', expect: { protected: ['main', 'master'] } },
      { text: 'Every change must be merged via a pull request.', expect: { enabled: true } },
      { text: 'Only merge into `main` through a reviewed PR.', expect: { protected: ['main'] } },
      { text: 'Open a pull request for every change.', expect: { protected: ['main', 'master'] } },
    ],
    negatives: ['PRs are reviewed within a day.', 'Link the issue in the pull request description.', 'You can skip the PR for typo fixes.'],
  },
  {
    id: 'branches.feature-branch',
    policy: 'branches',
    summary: 'work on a feature branch, not the main branch',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:always |must |should )?(?:work|commit|develop)\s+(?:only\s+)?on\s+(?:a |an |your own |your )?(?:separate |new |dedicated |independent |own |short-lived |fresh )*(?:feature|topic|task|short-lived|work|personal)\s+branch`),
      RE(String.raw`\b(?:create|use|start|cut|make|open) (?:a |an )?(?:new |separate |dedicated |fresh )?(?:feature |topic |task )?branch (?:(?:named|called) \S+ )?(?:for|per) (?:each|every|all|any|your)\s+(?:change|task|feature|issue|fix|piece of work|pr|work)\b`),
      RE(String.raw`\bone branch per (?:task|feature|change|issue|pr)\b`),
    ],
    set: { enabled: true, protected: ['$branchesOrDefault'], allowPush: false },
    scope: 'none',
    positives: [
      { text: 'Always work on a feature branch.', expect: { protected: ['main', 'master'] } },
      { text: 'Create a new branch for every change.', expect: { enabled: true } },
      { text: 'One branch per task, named `feat/<slug>`.', expect: { enabled: true } },
      { text: 'ALWAYS create a branch named `claude/<topic>` for your work.', expect: { protected: ['main', 'master'] } },
    ],
    negatives: ['Delete the feature branch after merging.', 'Branch names use kebab-case.', 'Rebase your feature branch on main.'],
  },
  {
    id: 'branches.no-force-push',
    policy: 'branches',
    summary: 'never force-push protected branches',
    hooks: ['pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:use\s+)?force[- ]?push(?:es|ing)?\b`),
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:use|run)\s+\x60?git push (?:-f|--force)\b`),
      RE(String.raw`\bforce[- ]?push(?:ing|es)?(?: to \S+)? (?:is|are) (?:forbidden|prohibited|not allowed|banned|disallowed|never allowed|never ok)\b`),
      RE(String.raw`\b${NEG}\s+rewrite\s+(?:published|shared|public|pushed|remote)\s+history\b`),
    ],
    set: { enabled: true, allowForcePush: false },
    scope: 'none',
    positives: [
      { text: 'Never force-push.', expect: { allowForcePush: false } },
      { text: "Don't use `git push --force` on shared branches.", expect: { allowForcePush: false } },
      { text: 'Force pushing to main is forbidden.', expect: { allowForcePush: false } },
      { text: 'Never rewrite published history.', expect: { allowForcePush: false } },
    ],
    negatives: ['You may force-push your own feature branches.', 'Use `--force-with-lease` after a rebase.', 'Push your branch when done.'],
  },
  {
    id: 'branches.no-delete',
    policy: 'branches',
    summary: 'never delete protected branches',
    hooks: ['pre-push'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?delete\s+(?:the\s+|any\s+)?(?:\x60?(?:main|master|develop|trunk|release\S*)\x60?|protected|remote|shared|release|long-lived)\s*(?:branch|branches)\b`),
      RE(String.raw`\b(?:protected|release|long-lived) branches (?:must|should) never be deleted\b`),
    ],
    set: { enabled: true, allowDelete: false },
    scope: 'none',
    positives: [
      { text: 'Never delete the main branch.', expect: { allowDelete: false } },
      { text: "Don't delete release branches.", expect: { allowDelete: false } },
      { text: 'Do not delete protected branches.', expect: { allowDelete: false } },
    ],
    negatives: ['Delete your feature branch after merging.', 'Never delete tests.', 'Stale branches are deleted monthly.'],
  },

  // ---------------------------------------------------------------- paths
  {
    id: 'paths.protected',
    policy: 'paths',
    summary: 'do not change these paths',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:directly\s+|manually\s+)?${EDIT}\b`),
      RE(String.raw`\b(?:is|are) (?:off[- ]limits|read[- ]only|frozen|locked|hands[- ]off)\b`),
      RE(String.raw`\bleave\s+.+\s+(?:alone|untouched|as is)\b`),
      RE(String.raw`\bhands off\b`),
      RE(String.raw`\bno\s+(?:manual\s+|direct\s+)?(?:edits|changes|modifications)\s+(?:to|in)\b`),
    ],
    unless: [
      RE(String.raw`\b(?:tests?|specs?)\b(?!/)`),
      /\bbranch(?:es)?\b/,
      /\bhistory\b/,
      /\boutside\b|\bother than\b|\buntil\b/,
      RE(String.raw`\b(?:the\s+)?(?:version|versions|dependencies|dependency|deps|scripts?|fields?|sections?|keys?|entries|entry|settings?|values?|contents?|format|formatting|style|structure|order)\s+(?:in|of)\s+(?:the\s+)?\x60?[\w./*-]+`),
      /\bwithout\b(?!\s+(?:first\s+)?(?:asking|approval|an? approval|permission|explicit|prior|consent|sign-off|a review|review|checking with|talking to|a maintainer|an? owner|the owners?|maintainer|code ?owner))/,
    ],
    set: { enabled: true, protected: ['$paths'] },
    needs: ['$paths'],
    scope: 'paths',
    positives: [
      { text: 'Do not edit `migrations/`.', expect: { protected: ['**/migrations/**'] } },
      { text: 'Never touch .github/workflows', expect: { protected: ['.github/workflows/**'] } },
      { text: "Don't modify files in `vendor/` or `third_party/`.", expect: { protected: ['**/vendor/**', '**/third_party/**'] } },
      { text: '`db/schema.sql` is read-only.', expect: { protected: ['db/schema.sql'] } },
      { text: 'Leave `infra/terraform/` alone.', expect: { protected: ['infra/terraform/**'] } },
      { text: 'Do not edit `.github/workflows/` without asking a maintainer first.', expect: { protected: ['.github/workflows/**'] } },
      { text: 'No edits to LICENSE.', expect: { protected: ['LICENSE'] } },
      { text: "Don't modify `LICENSE` or `NOTICE`.", expect: { protected: ['LICENSE', 'NOTICE'] } },
      { text: 'Never touch the migrations folder.', expect: { protected: ['**/migrations/**'] } },
      { text: 'Do not edit the Makefile.', expect: { protected: ['Makefile'] } },
    ],
    negatives: ['Do not change the license of a dependency.', 'No changes to behaviour without a test.', 'Do not update the version in `package.json` by hand.', 'Never modify files for reads/writes without a lock.', 'Do not edit files outside `src/`.', 'Never edit `src/` without running the tests.', 'Edit `src/config.ts` to add an option.', 'Never edit the tests to make them pass.', "Don't edit package-lock.json by hand.", 'Do not modify existing behaviour without a test.'],
  },
  {
    id: 'paths.generated',
    policy: 'paths',
    summary: 'generated files are not edited by hand',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:is|are) (?:auto[- ]?)?generated\b.*\b(?:do not|don't|never|must not|should not)\s+(?:\w+\s+)?(?:edit|modify|change|touch)\b`),
      RE(String.raw`\b(?:never|don't|do not|must not)\s+(?:hand[- ]edit|edit (?:\S+ )*?by hand|manually (?:edit|modify|change)|edit (?:\S+ )*?manually)\b`),
      RE(String.raw`\bgenerated (?:files|code|sources?) (?:in|under)\b.*\b(?:must not|should not|don't|do not|never)\b`),
    ],
    set: { enabled: true, protected: ['$paths'] },
    needs: ['$paths'],
    scope: 'paths',
    positives: [
      { text: 'Files in `src/gen/` are generated; do not edit them.', expect: { protected: ['src/gen/**'] } },
      { text: 'Never hand-edit `api/openapi.gen.ts`.', expect: { protected: ['api/openapi.gen.ts'] } },
      { text: 'Generated code under `proto/out/` must not be edited manually.', expect: { protected: ['proto/out/**'] } },
    ],
    negatives: ["Don't edit `package-lock.json` by hand.", 'Regenerate `src/gen/` with `npm run codegen`.', 'Generated files are listed in .gitattributes.'],
  },
  {
    id: 'paths.ci-config',
    policy: 'paths',
    summary: 'CI configuration is not changed',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?${EDIT}\s+(?:the\s+|any\s+|our\s+)?(?:ci|ci/cd|github actions|github workflows?|pipeline|build pipeline|workflow)s?\s*(?:config(?:uration)?s?|files|workflows|definitions|pipelines?|settings|yaml)?\b`),
      RE(String.raw`\b(?:ci|ci/cd|pipeline) (?:config(?:uration)?|files|workflows) (?:is|are) (?:off[- ]limits|read[- ]only|protected)\b`),
    ],
    set: { enabled: true, protected: ['.github/workflows/**', '.gitlab-ci.yml', '.circleci/**', 'azure-pipelines.yml', 'Jenkinsfile', '.buildkite/**'] },
    scope: 'none',
    positives: [
      { text: 'Do not modify the CI configuration.', expect: { protected: ['.github/workflows/**', '.gitlab-ci.yml'] } },
      { text: 'Never edit GitHub Actions workflows.', expect: { protected: ['.github/workflows/**'] } },
      { text: 'CI config is off-limits.', expect: { protected: ['.github/workflows/**'] } },
    ],
    negatives: ['Update the CI matrix when you add a Node version.', 'CI runs on every push.', 'Check the CI logs when a build fails.'],
  },
  {
    id: 'paths.harness-config',
    policy: 'paths',
    summary: 'the guardrail config and hooks are not changed',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:edit|modify|change|touch|disable|weaken|loosen|delete)\s+(?:the\s+|any\s+|our\s+)?(?:harness(?:-hooks)?|guardrail|git hooks?|husky|hook)\s+(?:config(?:uration)?|settings|setup|files?|hooks?|rules)\b`),
      RE(String.raw`\b${NEG}\s+(?:edit|modify|change|touch)\s+(?:the\s+)?\x60?\.husky/?\x60?`),
    ],
    set: { enabled: true, protectHarness: true, protected: ['.husky/**', 'lefthook.yml', '.pre-commit-config.yaml'] },
    scope: 'none',
    positives: [
      { text: 'Never modify the harness config.', expect: { protectHarness: true } },
      { text: "Agents must not disable git hooks or edit the hook configuration; don't touch the husky setup.", expect: { protected: ['.husky/**'] } },
      { text: 'Do not change the `.husky/` directory.', expect: { protectHarness: true } },
    ],
    negatives: ['Run `npx harness-hooks init` to install the hooks.', 'The harness config lives in .harnessrc.json.', 'Update the hook docs when you add a policy.'],
  },
  {
    id: 'paths.forbid-env',
    policy: 'paths',
    summary: '.env files are never committed',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:commit|check in|push|add|stage|track|upload)\s+(?:(?:(?!\s-\s|\b(?:use|put|keep|store|instead)\b)[^;:.!?\x60]){0,40}?\s)?\x60?\.env\b`),
      RE(String.raw`\x60?\.env\x60?(?:\s+files?)?\s+(?:must|should|are to|is to)\s+(?:never|not)\s+be\s+(?:committed|checked in|pushed|tracked|added)`),
      RE(String.raw`\bkeep\s+(?:your\s+)?\x60?\.env\x60?\s+(?:files?\s+)?(?:out of|outside(?: of)?)\s+(?:git|the repo|version control|commits)`),
      RE(String.raw`\bno\s+\x60?\.env\x60?\s+files?\s+in\s+(?:git|the repo|version control|commits)`),
    ],
    set: { enabled: true, forbidden: ['.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template'] },
    exceptionsOk: true,
    scope: 'none',
    positives: [
      { text: 'Never commit .env files.', expect: { forbidden: ['.env', '.env.*', '!.env.example'] } },
      { text: "Don't check in `.env.local` or any other `.env` file (`.env.example` is fine).", expect: { forbidden: ['.env'] } },
      { text: '`.env` files must never be committed.', expect: { forbidden: ['.env'] } },
      { text: 'Keep .env out of git.', expect: { forbidden: ['.env'] } },
    ],
    negatives: ['NEVER commit secrets — use `.env.local`, which is gitignored.', 'Copy `.env.example` to `.env` and fill in your keys.', 'Load config from .env in development.', 'Add new variables to `.env.example`.'],
  },
  {
    id: 'paths.forbid-keys',
    policy: 'paths',
    summary: 'key and certificate files are never committed',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:commit|check in|push|add|store|keep)\s+(?:any\s+|your\s+)?(?:private keys?|ssh keys?|certificates?|certs|keystores?|key files|\x60?\*?\.pem\x60?|\x60?\*?\.p12\x60?|\x60?\*?\.key\x60?)(?:\s+files?)?\b`),
      RE(String.raw`\bno\s+(?:private keys?|certificates?|keystores?|\x60?\*?\.pem\x60?\s+files?)\s+(?:in|to)\s+(?:the\s+)?(?:repo|repository|git|commits?)`),
    ],
    set: { enabled: true, forbidden: ['*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'] },
    scope: 'none',
    positives: [
      { text: 'Never commit private keys.', expect: { forbidden: ['*.pem', 'id_rsa'] } },
      { text: 'Do not check in `*.pem` files or certificates.', expect: { forbidden: ['*.pem'] } },
      { text: 'No keystores in the repo.', expect: { forbidden: ['*.jks'] } },
    ],
    negatives: ['Rotate the signing key every year.', 'Private keys live in the vault.', 'Generate a key with `ssh-keygen`.'],
  },
  {
    id: 'paths.forbid-files',
    policy: 'paths',
    summary: 'these files are never committed',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:commit|check in|check-in|add|push|track|stage|version)\s+(?!to\b|on\b|into\b|directly\b)`),
      RE(String.raw`\b(?:must|should)\s+(?:never|not)\s+be\s+(?:committed|checked in|tracked|pushed)\b`),
      RE(String.raw`\bkeep\s+.+\s+out of (?:git|the repo|version control|commits)\b`),
    ],
    unless: [
      /\b(?:changes?|edits?|modifications?|code|anything|work|fixes)\s+(?:to|in|that|which|under|for|touching)\b/,
      /\bwithout\b|\bunless\b|\buntil\b|\bbefore\b/,
      /(?:^|[\s\x60"'(])\.env\b/, RE(String.raw`^(?:[^\x60]*\x60[^\x60]*\x60)*[^\x60]*?\b${SECRET}\b`),
      // "Do not add new dependencies to package.json": the path is where something goes, not what is committed.
      /\b(?:add|put|include|insert|write|introduce)\s+(?!(?:the\s+|any\s+|these\s+)?files?\b)(?:[a-z][\w-]*\s+){1,4}(?:to|into|in|inside)\s+(?!(?:the\s+|your\s+)?(?:git|repo|repository|version control|index|commits?|staging area)\b)/, /\bprivate keys?\b/, /\b(?:to|on|into|onto) (?:the )?\x60?(?:main|master|develop|trunk)\b/],
    set: { enabled: true, forbidden: ['$paths'] },
    needs: ['$paths'],
    scope: 'paths',
    positives: [
      { text: 'Never commit `dist/`.', expect: { forbidden: ['**/dist/**'] } },
      { text: "Don't check in build artifacts (`build/`, `*.tsbuildinfo`).", expect: { forbidden: ['*.tsbuildinfo'] } },
      { text: '`node_modules` must never be committed.', expect: { forbidden: ['**/node_modules/**'] } },
      { text: 'Keep `*.sqlite` files out of git.', expect: { forbidden: ['*.sqlite'] } },
      { text: 'Do not commit the `secrets.json` file.', expect: { forbidden: ['secrets.json'] } },
    ],
    negatives: ['Never commit changes to `main.py` without tests.', 'Never commit to main.', "Don't commit `console.log` statements.", 'Commit `package-lock.json` with dependency changes.', 'Never commit .env files.', 'Do not add new dependencies to package.json.', 'Never add debug statements to `src/main.ts`.'],
  },

  // ---------------------------------------------------------------- secrets
  {
    id: 'secrets.none-in-code',
    policy: 'secrets',
    summary: 'no secrets in commits',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:commit|check in|push|hard[- ]?code|embed|include|store|put|add|paste|inline|expose|leak|write)\s+(?:any\s+|real\s+|your\s+|live\s+|production\s+|plain[- ]?text\s+|sensitive\s+|actual\s+)*${SECRET}`),
      RE(String.raw`\bno\s+(?:hard[- ]?coded\s+|real\s+|plain[- ]?text\s+)?${SECRET}\s+(?:in|to|inside|within)\s+(?:the\s+)?(?:code|codebase|repo|repository|source|sources|source code|git|commits?|version control|files)\b`),
      RE(String.raw`\b${SECRET}\s+(?:must|should|may)\s+(?:never|not)\s+(?:be\s+)?(?:committed|hard[- ]?coded|checked in|pushed|stored in (?:the )?(?:repo|code|git|source))`),
      RE(String.raw`\bnever (?:commit|check in|push) (?:anything )?(?:sensitive|confidential)\b`),
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:commit|check in|push|hard[- ]?code|embed|include|store|add)\s+[^;:!?]{0,60}?(?:\bor\b|\band\b|,)\s+(?:any\s+|other\s+|real\s+)?${SECRET}\b`),
      RE(String.raw`\b${SECRET}\s+(?:never|do not|don't|must not|should not)\s+(?:belong|go|live)\s+in\s+(?:the\s+)?(?:repo|repository|code|codebase|source|git|commits?)\b`),
    ],
    // Secrets in logs, output or URLs are a runtime concern: no commit scan checks that.
    unless: [/\b(?:in|to|into)\s+(?:the\s+|any\s+|your\s+)?(?:logs?|log (?:lines|messages|output)|logging|output|error messages?|exceptions?|stdout|stderr|the console|console output|telemetry|analytics|urls?|query strings?|responses?|screenshots?|prompts?|issues?|pr descriptions?|comments?)\b/],
    set: { enabled: true },
    scope: 'none',
    positives: [
      { text: 'No API keys in code.', expect: { enabled: true } },
      { text: 'NEVER commit secrets, tokens or passwords.', expect: { enabled: true } },
      { text: "Don't hardcode credentials — read them from the environment.", expect: { enabled: true } },
      { text: 'Secrets must never be committed to the repository.', expect: { enabled: true } },
      { text: 'Secrets never belong in the repository.', expect: { enabled: true } },
      { text: 'NEVER commit `.env` or credentials.', expect: { enabled: true } },
    ],
    negatives: ['Rotate credentials every 90 days.', 'Never log tokens.', 'Never include secrets in logs.', 'Do not put API keys in URLs.', 'Store API keys in the team vault.', 'The token endpoint is /oauth/token.'],
  },
  {
    id: 'secrets.from-env',
    policy: 'secrets',
    summary: 'secrets come from the environment, not the code',
    hooks: ['pre-commit', 'pre-push'],
    match: [
      RE(String.raw`\b(?:always\s+)?(?:use|load|read|keep|store|put|pass|inject|get)\s+(?:all\s+)?${SECRET}\s+(?:in|from|via|through|using)\s+(?:the\s+)?(?:environment|env(?:ironment)? var(?:iable)?s|a secret(?:s)? manager|secret manager|the vault|vault|secrets manager|\x60?process\.env\x60?|\x60?\.env\x60?)`),
      RE(String.raw`\b${SECRET}\s+(?:belong|go|must (?:live|go|come|be (?:loaded|read|kept))|should (?:live|go|come|be (?:loaded|read|kept))|have to (?:live|come))\s+(?:in|from)\s+(?:the\s+)?(?:environment|env vars|a secret manager|the vault|vault|\x60?\.env\x60?)`),
    ],
    set: { enabled: true },
    scope: 'none',
    positives: [
      { text: 'Load secrets from environment variables.', expect: { enabled: true } },
      { text: 'Keep API keys in environment variables.', expect: { enabled: true } },
      { text: 'Credentials must come from the vault, via `getSecret()`.', expect: { enabled: true } },
      { text: 'API keys go in `.env`, never in code.', expect: { enabled: true } },
    ],
    negatives: ['Private keys live in the vault.', 'Environment variables are documented in docs/env.md.', 'Set NODE_ENV to production.', 'Read the config from `config/default.json`.'],
  },

  // ---------------------------------------------------------------- tests
  {
    id: 'tests.require',
    policy: 'tests',
    summary: 'source changes come with tests',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b(?:every|each|all|any)\s+(?:new\s+|code\s+|source\s+)?(?:change|changes|feature|features|fix|fixes|bug ?fix(?:es)?|pr|pull request|commit|code change|code changes|function|module|behaviou?r change|endpoint)\b.*?\b(?:needs?|must (?:have|include|come with|add|ship with|be covered by)|requires?|should (?:have|include|come with|ship with|be covered by)|gets?|comes? with|ships? with|has to (?:have|include))\s+(?:an?\s+|its own\s+|at least one\s+|new\s+|matching\s+|corresponding\s+|accompanying\s+|updated\s+)*(?:unit\s+|integration\s+|regression\s+|automated\s+)?tests?\b(?!\s+(?:plan|report|environment|account|user|server|data|instructions|steps|description|section)s?\b)`),
      RE(String.raw`\b(?:always\s+|must\s+)?(?:add|write|include|create|update)(?:\s+(?:or|and|/)\s+(?:add|write|update|extend|adjust))?\s+(?:new\s+|unit\s+|regression\s+|integration\s+|matching\s+|corresponding\s+)*tests?\s+(?:for|with|when|covering|alongside)\s+(?:every|each|all|any|new|your|bug|code|changes?|features?|fixes|behaviou?r|the (?:code|changes?|behaviou?r|logic) (?:you|that))`),
      RE(String.raw`\bno (?:code |changes? |features? |prs? )?without (?:a |accompanying |new )?tests?\b`),
      RE(String.raw`\b(?:unit\s+)?tests?\s+(?:are\s+|is\s+)?(?:required|mandatory|needed|expected)\s+for\s+(?:all\s+|every\s+|any\s+|each\s+)?(?:new\s+|changed\s+)?(?:code|changes?|features?|fixes|functions?|modules?|files?)\b`),
      RE(String.raw`\b(?:new\s+)?(?:code|features?|changes?|logic)\s+(?:must|should|has to|have to)\s+(?:be\s+)?(?:covered by|come with|ship with|include|have)\s+(?:unit\s+|new\s+)?tests?\b`),
      RE(String.raw`\b(?:changes?|edits?) (?:to|in|under) \S+ (?:needs?|requires?|must (?:have|include|come with)) (?:an? |new |matching )*tests?\b`),
      // A terse list item with no verb: "Tests for every new util in app/lib." (under a "Rules" heading
      // the reader prefixes "Always").
      RE(String.raw`^(?:always\s+)?(?:(?:unit|integration)\s+)?tests?\s+for\s+(?:every|each|all|any)\s+(?:new\s+|changed\s+)?[\w-]+(?:\s+(?:in|under)\s+\S+?)?\s*[.!]?$`),
    ],
    unless: [/\bcoverage\b.*\d+ ?%/],
    set: { enabled: true, requireTests: true, sourceGlobs: '$sourcePaths' },
    scope: 'paths',
    positives: [
      { text: 'Every change to src/ needs a test.', expect: { requireTests: true, sourceGlobs: ['src/**'] } },
      { text: 'Add tests for every new feature.', expect: { requireTests: true } },
      { text: 'All bug fixes must include a regression test.', expect: { requireTests: true } },
      { text: 'No code without tests.', expect: { requireTests: true } },
      { text: 'Add or update tests for the code you change.', expect: { requireTests: true } },
      { text: 'Changes to `lib/` require matching tests.', expect: { sourceGlobs: ['lib/**'] } },
      { text: 'Tests required for all new code in `packages/core/`.', expect: { requireTests: true, sourceGlobs: ['packages/core/**'] } },
      { text: 'Tests for every new util in app/lib.', expect: { requireTests: true } },
      { text: 'Unit tests for each new module in `src/`.', expect: { requireTests: true, sourceGlobs: ['src/**'] } },
    ],
    negatives: ['Every PR needs a test plan.', 'Tests for every change run in CI.', 'Tests live in `test/`.', 'Keep coverage above 80%.', 'You can skip tests for docs-only changes.', 'Every PR needs a description.'],
  },
  {
    id: 'tests.run-before-push',
    policy: 'tests',
    summary: 'the test command passes before pushing',
    hooks: ['pre-push'],
    match: [
      RE(String.raw`\bbefore\s+(?:you\s+)?(?:push|pushing|open(?:ing)? (?:a|the|your) (?:pr|pull request)|creating (?:a|the|your) (?:pr|pull request))\b[^.]*?(?:,|:|-)\s*(?:always\s+)?(?:run|execute|make sure|ensure|check that)?\s*\x60`),
      RE(String.raw`\b(?:always\s+)?(?:run|execute)\b.*\bbefore\s+(?:you\s+|every\s+|each\s+|any\s+)?(?:push|pushing|opening (?:a|the|your) (?:pr|pull request)|creating (?:a|the) (?:pr|pull request)|submitting|sending (?:a|the) pr|you open a pr)`),
      RE(String.raw`\b(?:make sure|ensure|check that|verify that)\b.*\b(?:passes|pass|is green|succeeds|are green)\b.*\bbefore\s+(?:you\s+)?(?:push|pushing|opening a (?:pr|pull request))`),
    ],
    set: { enabled: true, command: '$testCommand', commandHook: 'pre-push' },
    needs: ['$testCommand'],
    scope: 'command',
    positives: [
      { text: 'Run `npm test` before pushing.', expect: { command: 'npm test', commandHook: 'pre-push' } },
      { text: 'Before pushing, run `npm test`.', expect: { command: 'npm test', commandHook: 'pre-push' } },
      { text: 'Always run `pnpm test:unit` before you push.', expect: { command: 'pnpm test:unit' } },
      { text: 'Make sure `pytest -q` passes before opening a PR.', expect: { command: 'pytest -q', commandHook: 'pre-push' } },
    ],
    negatives: ['Run `npm run lint` before pushing.', 'CI runs `npm test` on every push.', 'Run `npm test` before committing.'],
  },
  {
    id: 'tests.run-before-commit',
    policy: 'tests',
    summary: 'the test command passes before committing',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\bbefore\s+(?:you\s+)?(?:commit|committing|each commit|every commit)\b[^.]*?(?:,|:|-)\s*(?:always\s+)?(?:run|execute|make sure|ensure|check that)?\s*\x60`),
      RE(String.raw`\b(?:always\s+)?(?:run|execute)\b.*\bbefore\s+(?:you\s+|every\s+|each\s+|any\s+|a\s+)?(?:commit|committing|commits)\b`),
      RE(String.raw`\b(?:make sure|ensure|check that|verify that)\b.*\b(?:passes|pass|is green|succeeds|are green)\b.*\bbefore\s+(?:you\s+)?(?:commit|committing)\b`),
    ],
    set: { enabled: true, command: '$testCommand', commandHook: 'pre-commit' },
    needs: ['$testCommand'],
    scope: 'command',
    positives: [
      { text: 'Run `npm test` before committing.', expect: { command: 'npm test', commandHook: 'pre-commit' } },
      { text: 'Before committing: `npm test`', expect: { command: 'npm test', commandHook: 'pre-commit' } },
      { text: 'Make sure `go test ./...` passes before you commit.', expect: { command: 'go test ./...' } },
      { text: 'Always execute `cargo test` before each commit.', expect: { command: 'cargo test' } },
    ],
    negatives: ['Run `npm run lint` before committing.', 'Run `npm test` before pushing.', 'The pre-commit hook runs the tests.'],
  },
  {
    id: 'tests.must-pass',
    policy: 'tests',
    summary: 'tests pass before changes leave the machine',
    hooks: ['$hook'],
    match: [
      RE(String.raw`\b(?:all\s+|the\s+)?(?:unit\s+)?tests?\s+(?:must|should|have to|need to|has to)\s+(?:always\s+)?pass\b`),
      RE(String.raw`\b${NEG}\s+(?:commit|push|merge)\s+(?:code\s+|changes\s+)?(?:with\s+|that\s+(?:has|have)\s+)?(?:failing|broken|red)\s+tests?\b`),
      RE(String.raw`\b${NEG}\s+(?:commit|push)\s+(?:code\s+|anything\s+)?(?:that\s+)?(?:breaks|fails)\s+(?:the\s+)?(?:tests?|test suite|build)\b`),
      RE(String.raw`\bkeep (?:the )?tests? (?:suite )?green\b`),
      RE(String.raw`\b(?:must|should|has to|needs? to)\s+pass\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:unit\s+)?tests\b`),
      RE(String.raw`\x60[^\x60]+\x60\s+(?:must|should|has to|needs to|have to)\s+(?:always\s+)?(?:pass|succeed|be green|exit 0)\b`),
      RE(String.raw`\b(?:make sure|ensure|check that|verify that)\s+\x60[^\x60]+\x60\s+(?:passes|succeeds|is green)\b`),
    ],
    set: { enabled: true, command: '$testCommand', commandHook: '$hook' },
    needs: ['$testCommand'],
    scope: 'command',
    positives: [
      { text: 'All tests must pass before pushing. (`npm test`)', expect: { command: 'npm test', commandHook: 'pre-push' } },
      { text: 'Never commit with failing tests; run `pytest` first.', expect: { command: 'pytest', commandHook: 'pre-commit' } },
      { text: "Don't push code that breaks the tests (`make test`).", expect: { command: 'make test', commandHook: 'pre-push' } },
      { text: 'Ensure `go test ./...` passes.', expect: { command: 'go test ./...', commandHook: 'pre-push' } },
      { text: 'The commit should pass all tests before you merge (`npm test`).', expect: { command: 'npm test', commandHook: 'pre-push' } },
    ],
    negatives: ['Tests are in the `spec/` folder.', 'Flaky tests must be reported in #qa.', 'Run the tests when you like.'],
  },
  {
    id: 'tests.no-focus',
    policy: 'tests',
    summary: 'no focused tests (.only, fit, fdescribe)',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:commit\s+|leave\s+|check in\s+|push\s+|use\s+)?(?:any\s+)?(?:focused|exclusive|focussed)\s+(?:tests?|specs?)\b`),
      RE(String.raw`\b(?:${NEG}|no)\s+(?:commit\s+|leave\s+|use\s+|check in\s+|push\s+)?(?:any\s+)?\x60?(?:\.only|it\.only|describe\.only|test\.only|fit|fdescribe|ftest)\b`),
      RE(String.raw`\bremove\s+(?:all\s+|any\s+)?\x60?(?:\.only|it\.only|describe\.only|fit|fdescribe)\x60?`),
      RE(String.raw`\x60?\.only\x60?\s+(?:must|should)\s+(?:never|not)\s+be\s+committed`),
      // "Don't leave `it.only` or `describe.skip` in tests", "no .only / .skip in tests": a marker named further on.
      RE(String.raw`\b(?:${NEG}|no)\b(?:[^.;!?]|\.(?=\w)){0,60}?(?:\.only\b|\x60(?:fit|fdescribe|ftest)\x60)`),
    ],
    set: { enabled: true, noFocus: true },
    scope: 'none',
    positives: [
      { text: "Don't commit focused tests.", expect: { noFocus: true } },
      { text: 'Never leave `.only` in a test file.', expect: { noFocus: true } },
      { text: 'Remove `it.only` and `fdescribe` before committing.', expect: { noFocus: true } },
    ],
    negatives: ['Use `it.only` locally to focus a test.', 'Focus on the failing test first.', 'Only run the tests you need.'],
  },
  {
    id: 'tests.no-skip',
    policy: 'tests',
    summary: 'no skipped or disabled tests',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b(?:${NEG}|no)\s+(?:commit\s+|leave\s+|add\s+|use\s+)?(?:any\s+)?(?:skipped|disabled|pending|commented[- ]out)\s+tests?\b`),
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:skip|disable|comment out|mute|xit|silence)\s+(?:any\s+|failing\s+|flaky\s+|existing\s+|the\s+|a\s+|broken\s+)*(?:tests?|specs?|test cases?)\b(?!\s+(?:for|when|on) docs)`),
      RE(String.raw`\b(?:${NEG}|no)\s+(?:commit\s+|leave\s+|use\s+)?\x60?(?:\.skip|it\.skip|describe\.skip|xit|xdescribe|@skip|pytest\.mark\.skip)\b`),
      RE(String.raw`\b(?:${NEG}|no)\b(?:[^.;!?]|\.(?=\w)){0,60}?(?:\.skip\b|\x60(?:xit|xdescribe|xtest)\x60)`),
    ],
    set: { enabled: true, noSkip: true },
    scope: 'none',
    positives: [
      { text: "Don't skip tests.", expect: { noSkip: true } },
      { text: 'Never disable failing tests to get CI green.', expect: { noSkip: true } },
      { text: 'No `.skip` in committed tests.', expect: { noSkip: true } },
    ],
    negatives: ['You can skip tests for docs-only changes.', 'Skip the e2e suite locally if Docker is missing.', 'Tests that need a GPU are skipped on CI.'],
  },
  {
    id: 'tests.no-delete',
    policy: 'tests',
    summary: 'existing tests are never deleted',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:delete|remove|drop|weaken)\s+(?:any\s+|existing\s+|failing\s+|the\s+|old\s+|passing\s+)*(?:tests?|test cases?|test files?|specs?|assertions)\b`),
      RE(String.raw`\b(?:unacceptable|not acceptable|forbidden|prohibited|never ok|not ok) to (?:remove|delete)(?: or (?:edit|modify|weaken))? (?:existing )?tests?\b`),
      RE(String.raw`\b(?:existing\s+)?tests?\s+(?:must|should|may)\s+(?:never|not)\s+be\s+(?:deleted|removed)\b`),
    ],
    set: { enabled: true, noDeletedTests: true },
    scope: 'none',
    positives: [
      { text: 'Never delete tests.', expect: { noDeletedTests: true } },
      { text: 'Do not remove existing tests to make the build pass.', expect: { noDeletedTests: true } },
      { text: 'It is unacceptable to remove or edit tests.', expect: { noDeletedTests: true } },
    ],
    negatives: ['Delete obsolete fixtures when you remove a feature.', 'Never delete the main branch.', 'Remove debug output before committing.'],
  },
  {
    id: 'tests.related',
    policy: 'tests',
    summary: 'run the tests related to the change',
    hooks: ['pre-commit'],
    match: [RE(String.raw`\b(?:run|use)\s+\x60?(vitest|jest)\s+(?:related|--findrelatedtests|--related)\b`), RE(String.raw`\b(vitest|jest)\s+related\b`)],
    unless: [RE(String.raw`\b${NEG}\b`)],
    set: { enabled: true, related: '$m1' },
    scope: 'none',
    positives: [
      { text: 'Run `vitest related` on the files you changed.', expect: { related: 'vitest' } },
      { text: 'Use `jest --findRelatedTests` for staged files.', expect: { related: 'jest' } },
      { text: 'Before committing, vitest related must pass for the staged files.', expect: { related: 'vitest' } },
    ],
    negatives: ['Run `vitest` in watch mode while developing.', 'We use jest for unit tests.', "Don't use jest --findRelatedTests on CI."],
  },

  // ---------------------------------------------------------------- size
  {
    id: 'size.agent-pr',
    policy: 'size',
    summary: 'size limit for agent-authored pull requests',
    hooks: ['pre-push'],
    match: [RE(String.raw`\b(?:agents?|ai|llms?|bots?|ai-generated|ai-authored|ai-assisted|machine-generated)\b.*\b${PR}|\b${PR}\b.*\b(?:by|from) (?:an? )?(?:agents?|ai|bots?)\b`)],
    set: { enabled: true, 'agents.branch.maxLines': '$prLines', 'agents.branch.maxFiles': '$prFiles' },
    needsAny: ['$prLines', '$prFiles'],
    scope: 'none',
    positives: [
      { text: 'AI-generated PRs must stay under 400 lines.', expect: { 'agents.branch.maxLines': 400 } },
      { text: 'Agents: keep pull requests below 300 changed lines and 15 files.', expect: { 'agents.branch.maxLines': 300, 'agents.branch.maxFiles': 15 } },
      { text: 'PRs opened by an agent may not exceed 20 files.', expect: { 'agents.branch.maxFiles': 20 } },
    ],
    negatives: ['Keep PRs under 400 lines.', 'Agents open PRs against main.', 'AI-generated PRs need a human reviewer.'],
  },
  {
    id: 'size.agent-commit',
    policy: 'size',
    summary: 'size limit for agent commits',
    hooks: ['pre-commit'],
    match: [RE(String.raw`\b(?:agents?|ai|llms?|bots?|ai-generated|ai-authored|ai-assisted)\b.*\bcommits?\b|\bcommits?\b.*\b(?:by|from) (?:an? )?(?:agents?|ai|bots?)\b`)],
    set: { enabled: true, 'agents.maxLines': '$commitLines', 'agents.maxFiles': '$commitFiles' },
    needsAny: ['$commitLines', '$commitFiles'],
    scope: 'none',
    positives: [
      { text: 'Agent commits must touch at most 10 files.', expect: { 'agents.maxFiles': 10 } },
      { text: 'AI agents: keep each commit under 200 lines.', expect: { 'agents.maxLines': 200 } },
      { text: 'Commits made by an agent may not exceed 150 lines or 8 files.', expect: { 'agents.maxLines': 150, 'agents.maxFiles': 8 } },
    ],
    negatives: ['Small commits, at most 10 files.', 'Agents commit on their own branch.', 'AI commits need an Assisted-by trailer.'],
  },
  {
    id: 'size.pr-lines',
    policy: 'size',
    summary: 'pull request size limit (lines)',
    hooks: ['pre-push'],
    match: [RE(String.raw`\b(?:${PR}|changesets?|change sets?|diffs?|branch(?:es)?|patch(?:es)?)\b`)],
    unless: [/\b(?:prs?|pull requests?|commits?)\s+(?:descriptions?|titles?|bodies|body|messages?|summar(?:y|ies)|templates?|comments?|subjects?)\b/, /\b(?:agents?|ai|llms?|bots?|ai-generated)\b/],
    set: { enabled: true, 'branch.maxLines': '$prLines' },
    needs: ['$prLines'],
    scope: 'none',
    positives: [
      { text: 'Keep PRs under 400 lines.', expect: { 'branch.maxLines': 400 } },
      { text: 'Pull requests should be less than 500 changed lines.', expect: { 'branch.maxLines': 500 } },
      { text: 'PRs must not exceed **1,000** lines of diff.', expect: { 'branch.maxLines': 1000 } },
      { text: 'Hard limit: 300 lines per PR.', expect: { 'branch.maxLines': 300 } },
      { text: 'PR size limit: 500 lines.', expect: { 'branch.maxLines': 500 } },
    ],
    negatives: ['Aim for a 300-line limit per PR.', 'Each PR description must be under 100 lines.', 'PRs should be under 500 LOC where possible.', 'The PR template has 12 lines.', 'Keep PRs small.', 'You may open PRs over 400 lines for generated code.'],
  },
  {
    id: 'size.pr-files',
    policy: 'size',
    summary: 'pull request size limit (files)',
    hooks: ['pre-push'],
    match: [RE(String.raw`\b(?:${PR}|changesets?|change sets?|diffs?|branch(?:es)?)\b`)],
    unless: [/\b(?:prs?|pull requests?|commits?)\s+(?:descriptions?|titles?|bodies|body|messages?|summar(?:y|ies)|templates?|comments?|subjects?)\b/, /\b(?:agents?|ai|llms?|bots?|ai-generated)\b/],
    set: { enabled: true, 'branch.maxFiles': '$prFiles' },
    needs: ['$prFiles'],
    scope: 'none',
    positives: [
      { text: 'PRs should touch at most 20 files.', expect: { 'branch.maxFiles': 20 } },
      { text: 'Keep pull requests under 15 files and 400 lines.', expect: { 'branch.maxFiles': 15 } },
      { text: 'A PR may change no more than ten files.', expect: { 'branch.maxFiles': 10 } },
      { text: 'A PR should not change more than 20 files.', expect: { 'branch.maxFiles': 20 } },
    ],
    negatives: ['The PR lists 20 files in its description.', 'Split PRs that touch many files.', 'Keep commits under 5 files.'],
  },
  {
    id: 'size.commit-lines',
    policy: 'size',
    summary: 'commit size limit (lines)',
    hooks: ['pre-commit'],
    match: [/\bcommits?\b/],
    unless: [/\b(?:prs?|pull requests?|commits?)\s+(?:descriptions?|titles?|bodies|body|messages?|summar(?:y|ies)|templates?|comments?|subjects?)\b/, /\b(?:agents?|ai|llms?|bots?|ai-generated)\b/],
    set: { enabled: true, maxLines: '$commitLines' },
    needs: ['$commitLines'],
    scope: 'none',
    positives: [
      { text: 'Keep commits under 200 lines.', expect: { maxLines: 200 } },
      { text: 'Each commit should change no more than 300 lines.', expect: { maxLines: 300 } },
      { text: 'Small commits: max 150 LOC.', expect: { maxLines: 150 } },
    ],
    negatives: ['Commit messages wrap at 72 characters.', 'Keep commits small.', 'The first commit added 300 lines of config.'],
  },
  {
    id: 'size.commit-files',
    policy: 'size',
    summary: 'commit size limit (files)',
    hooks: ['pre-commit'],
    match: [/\bcommits?\b/],
    unless: [/\b(?:prs?|pull requests?|commits?)\s+(?:descriptions?|titles?|bodies|body|messages?|summar(?:y|ies)|templates?|comments?|subjects?)\b/, /\b(?:agents?|ai|llms?|bots?|ai-generated)\b/],
    set: { enabled: true, maxFiles: '$commitFiles' },
    needs: ['$commitFiles'],
    scope: 'none',
    positives: [
      { text: 'Small commits, at most 10 files.', expect: { maxFiles: 10 } },
      { text: 'Each commit should touch no more than 5 files.', expect: { maxFiles: 5 } },
      { text: 'Keep every commit below 12 changed files.', expect: { maxFiles: 12 } },
    ],
    negatives: ['Commit all 10 files together.', 'Commits are squashed on merge.', 'Keep PRs under 20 files.'],
  },

  // ---------------------------------------------------------------- commit messages
  {
    id: 'commit-message.types',
    policy: 'commit-message',
    summary: 'Conventional Commits with these types',
    hooks: ['commit-msg'],
    match: [
      RE(String.raw`\b(?:allowed|valid|permitted|use (?:one of )?(?:these|the following)|commit)\s+(?:commit\s+)?(?:types|prefixes)\b`),
      RE(String.raw`\b(?:prefix|start)\s+(?:your\s+|each\s+|every\s+|all\s+)?commit (?:messages?|subjects?|titles?)\s+with\s+(?:one of\s+)?`),
    ],
    set: { enabled: true, conventional: true, types: '$types' },
    needs: ['$types'],
    scope: 'none',
    positives: [
      { text: 'Allowed commit types are feat, fix, docs, chore and refactor.', expect: { conventional: true, types: ['feat', 'fix', 'docs', 'chore', 'refactor'] } },
      { text: 'Prefix commit messages with `feat:`, `fix:` or `docs:`.', expect: { types: ['feat', 'fix', 'docs'] } },
      { text: 'Use one of these commit types: feat, fix, perf, test.', expect: { types: ['feat', 'fix', 'perf', 'test'] } },
    ],
    negatives: ['Commit types are explained in CONTRIBUTING.md.', 'Fix the docs when you fix a bug.', 'Prefix branch names with feat/ or fix/.'],
  },
  {
    id: 'commit-message.conventional',
    policy: 'commit-message',
    summary: 'commit messages follow Conventional Commits',
    hooks: ['commit-msg'],
    match: [
      RE(String.raw`\bconventional[- ]commits?\b`),
      RE(String.raw`\b(?:use|write|follow)\s+(?:clear\s+)?conventional[- ](?:style|format)\s+commit`),
      RE(String.raw`\bsemantic commit messages?\b`),
      RE(String.raw`\bcommit messages?\s+(?:must|should)\s+(?:follow|use|match)\s+(?:the\s+)?\x60?(?:type\(scope\)|<type>|type: |feat)`),
      RE(String.raw`\bcommit (?:messages?|subjects?|titles?) (?:must|should) (?:start|begin) with (?:a |the )?(?:type|conventional)\b`),
    ],
    set: { enabled: true, conventional: true },
    scope: 'none',
    positives: [
      { text: 'Use Conventional Commits.', expect: { conventional: true } },
      { text: 'Commit messages MUST follow the [Conventional Commits](https://www.conventionalcommits.org) spec.', expect: { conventional: true } },
      { text: 'Write semantic commit messages (`feat(api): add pagination`).', expect: { conventional: true } },
    ],
    negatives: ['Previously we required Conventional Commits; that rule is gone.', "Don't use conventional commits here; write plain sentences.", 'Write commit messages in the imperative mood.', 'Commit often.'],
  },
  {
    id: 'commit-message.signoff',
    policy: 'commit-message',
    summary: 'every commit carries Signed-off-by',
    hooks: ['commit-msg'],
    match: [
      RE(String.raw`\b(?:sign[- ]off|signed[- ]off|dco)\b.*\b(?:commits?|required|must|always|every|each|all)\b|\b(?:commits?|must|always|every|each|all)\b.*\b(?:sign[- ]off|signed-off-by|dco)\b`),
      RE(String.raw`\x60git commit -s\x60|\bgit commit --signoff\b|\x60--signoff\x60`),
    ],
    unless: [/\bgpg\b|\bsigning key\b|\bverified\b/],
    set: { enabled: true, requireTrailers: ['Signed-off-by'], trailersFor: 'everyone' },
    scope: 'none',
    positives: [
      { text: 'All commits must be signed off (DCO).', expect: { requireTrailers: ['Signed-off-by'], trailersFor: 'everyone' } },
      { text: 'Always commit with `git commit -s`.', expect: { requireTrailers: ['Signed-off-by'] } },
      { text: 'Every commit needs a `Signed-off-by:` line.', expect: { requireTrailers: ['Signed-off-by'] } },
    ],
    negatives: ['Sign your commits with GPG.', 'A maintainer signs off on each release.', 'Commit often.'],
  },
  {
    id: 'commit-message.trailer',
    policy: 'commit-message',
    summary: 'agent commits carry an attribution trailer',
    hooks: ['commit-msg'],
    match: [
      RE(String.raw`\b(?:add|include|append|use|put|end (?:each|every|the) commit(?: message)? with)\b.*\b(?:[a-z]+-)+by\b`),
      RE(String.raw`\b(?:[a-z]+-)+by\b:?\x60?\s+(?:trailer|line|footer)\s+(?:is\s+)?(?:required|mandatory)\b`),
      RE(String.raw`\b(?:commits?|messages?)\s+(?:must|should)\s+(?:have|include|carry|end with)\s+(?:an?\s+)?\x60?(?:[a-z]+-)+by\b`),
    ],
    unless: [/\bsigned-off-by\b/],
    set: { enabled: true, requireTrailers: ['$trailer'] },
    needs: ['$trailer'],
    scope: 'none',
    positives: [
      { text: 'Add an Assisted-by trailer.', expect: { requireTrailers: ['Assisted-by'] } },
      { text: 'Agents must include a `Co-authored-by:` trailer naming the model.', expect: { requireTrailers: ['Co-authored-by'] } },
      { text: 'AI commits must end with `Generated-by: <tool>`.', expect: { requireTrailers: ['Generated-by'] } },
    ],
    negatives: ["Don't add Co-Authored-By: Claude.", 'Never use `Co-authored-by` trailers.', 'Reviewed-by is added by the merge bot.'],
  },

  // ---------------------------------------------------------------- commands
  {
    id: 'commands.run-before-commit',
    policy: 'commands',
    summary: "run the team's lint/format command on staged files",
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\bbefore\s+(?:you\s+)?(?:commit|committing|each commit|every commit)\b[^.]*?(?:,|:|-)\s*(?:always\s+)?(?:run|execute|make sure|ensure|check that)?\s*\x60`),
      RE(String.raw`\b(?:always\s+)?(?:run|execute)\b.*\bbefore\s+(?:you\s+|every\s+|each\s+|any\s+|a\s+)?(?:commit|committing|commits|staging)\b`),
      RE(String.raw`\b(?:make sure|ensure|check that|verify that)\b.*\b(?:passes|pass|is clean|succeeds|is green|reports nothing)\b.*\bbefore\s+(?:you\s+)?(?:commit|committing)\b`),
      RE(String.raw`\b(?:run|execute)\s+.+\s+on\s+(?:all\s+|the\s+|your\s+)?(?:changed|staged|modified|touched|edited)\s+files\b`),
    ],
    set: { enabled: true, tasks: '$tasks' },
    needs: ['$tasks'],
    scope: 'paths',
    positives: [
      { text: 'Run `npm run lint` before committing.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'npm run lint' } } },
      { text: 'Before you commit, run `npm run lint`.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'npm run lint' } } },
      { text: 'Make sure `ruff check` passes before you commit.', expect: { tasks: { '*.py': 'ruff check' } } },
      { text: 'Run `prettier --write` on changed files.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,json,md,mdx,css,scss,less,html,vue,svelte,yml,yaml}': 'prettier --write' } } },
    ],
    negatives: ['Run `npm test` before committing.', 'Run `tsc --noEmit` before committing.', 'Run `npm run lint` before pushing.'],
  },
  {
    id: 'commands.format-with',
    policy: 'commands',
    summary: 'format staged files with the named formatter',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b(?:format|reformat|auto-?format)\s+(?:all\s+|your\s+|the\s+|any\s+)?(?:code|files|changes|sources?|python|typescript|javascript|go|rust|css)?\s*(?:code\s+|files\s+)?(?:with|using|via|through)\s+\x60?[\w-]+`),
      RE(String.raw`\b(?:code|files?|everything|changes|python|typescript|javascript|sources?)\s+(?:must|should|has to|have to)\s+be\s+formatted\s+(?:with|by|using)\s+\x60?[\w-]+`),
      RE(String.raw`\buse\s+\x60?[\w-]+\x60?\s+(?:for|to)\s+(?:format|formatting|code formatting|reformat)\b`),
      RE(String.raw`\b(?:formatting|formatter)\s*(?::|is|=)\s*\x60?[\w-]+`),
    ],
    unless: [RE(String.raw`\b${NEG}\b`)],
    set: { enabled: true, tasks: '$formatTasks' },
    needs: ['$formatTasks'],
    scope: 'paths',
    positives: [
      { text: 'Format with prettier.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,json,md,mdx,css,scss,less,html,vue,svelte,yml,yaml}': 'prettier --write' } } },
      { text: 'Python code must be formatted with `black`.', expect: { tasks: { '*.py': 'black' } } },
      { text: 'Use gofmt for formatting.', expect: { tasks: { '*.go': 'gofmt -w' } } },
    ],
    negatives: ['Format the changelog by hand.', "Don't format with prettier.", 'Prettier is configured in .prettierrc.'],
  },
  {
    id: 'commands.lint-with',
    policy: 'commands',
    summary: 'lint staged files with the named linter',
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\blint\s+(?:all\s+|your\s+|the\s+|any\s+)?(?:code|files|changes|sources?|python|typescript|javascript|shell scripts)?\s*(?:with|using|via|through)\s+\x60?[\w-]+`),
      RE(String.raw`\buse\s+\x60?[\w-]+\x60?\s+(?:for|to)\s+(?:lint|linting|check|static analysis)\b`),
      RE(String.raw`\b(?:code|changes|files|python|typescript|javascript)\s+(?:must|should|has to|have to)\s+(?:pass|be clean (?:under|with))\s+\x60?[\w-]+`),
    ],
    unless: [RE(String.raw`\b${NEG}\b`)],
    set: { enabled: true, tasks: '$lintTasks' },
    needs: ['$lintTasks'],
    scope: 'paths',
    positives: [
      { text: 'Lint with eslint.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'eslint' } } },
      { text: 'Use ruff for linting.', expect: { tasks: { '*.py': 'ruff check' } } },
      { text: 'Code must pass `shellcheck`.', expect: { tasks: { '*.sh': 'shellcheck' } } },
    ],
    negatives: ['ESLint is configured in eslint.config.js.', 'Lint rules are documented in docs/lint.md.', "Don't lint generated files."],
  },
  {
    id: 'commands.no-lint-errors',
    policy: 'commands',
    summary: "the repo's lint script passes on staged files",
    hooks: ['pre-commit'],
    match: [
      RE(String.raw`\b${NEG}\s+(?:commit|push)\s+(?:code\s+|changes\s+)?(?:with|that has|that have|containing)\s+(?:any\s+)?(?:lint(?:ing)?|eslint)\s+(?:errors|warnings|failures|issues)\b`),
      RE(String.raw`\b(?:lint(?:ing)?|the linter)\s+(?:must|should|has to)\s+(?:always\s+)?(?:pass|be clean|succeed)\b`),
      RE(String.raw`\bfix (?:all )?lint (?:errors|warnings) before (?:committing|you commit)\b`),
    ],
    set: { enabled: true, tasks: '$lintScriptTasks' },
    needs: ['$lintScriptTasks'],
    scope: 'paths',
    positives: [
      { text: 'Never commit code with lint errors.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'npm run lint' } } },
      { text: 'Linting must pass.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'npm run lint' } } },
      { text: 'Fix all lint errors before committing.', expect: { tasks: { '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': 'npm run lint' } } },
    ],
    negatives: ['Lint errors are shown in the editor.', 'The linter config lives in `.eslintrc`.', 'You may commit with lint warnings in prototypes.'],
  },

  // ---------------------------------------------------------------- bypass
  {
    id: 'evidence.no-verify',
    policy: 'evidence',
    summary: 'hooks are never skipped (--no-verify is caught at push)',
    hooks: ['pre-push'],
    match: [
      RE(String.raw`\b(?:${NEG}|no|forbidden|prohibited|banned)\b.*--no-verify\b|--no-verify\b.*\b(?:is|are) (?:forbidden|prohibited|not allowed|banned|never allowed)\b`),
      RE(String.raw`\b${NEG}\s+(?:ever\s+)?(?:skip|bypass|disable|circumvent|get around|work around|turn off|uninstall|remove|silence)\s+(?:the\s+|any\s+|git\s+|our\s+|pre-commit\s+|pre-push\s+|commit\s+|local\s+)*(?:git\s+)?(?:hooks?|pre-commit checks?|pre-push checks?|husky|harness(?:-hooks)?|commit checks?|pre-commit|pre-push|lefthook)\b`),
      RE(String.raw`\b(?:${NEG}|no)\s+(?:ever\s+)?(?:set|use)\s+\x60?husky=0\b`),
      RE(String.raw`\b${NEG}\s+(?:change|modify|unset|override|touch)\s+\x60?core\.hookspath\b`),
    ],
    set: { enabled: true },
    scope: 'none',
    positives: [
      { text: 'Never use --no-verify.', expect: { enabled: true } },
      { text: "Don't bypass the pre-commit hooks.", expect: { enabled: true } },
      { text: '`git commit --no-verify` is forbidden.', expect: { enabled: true } },
      { text: 'Do not skip git hooks, ever.', expect: { enabled: true } },
      { text: "Don't skip pre-commit.", expect: { enabled: true } },
    ],
    negatives: ['Use `git commit --no-verify` to commit a WIP quickly.', 'The pre-commit hook runs lint.', 'Hooks are installed by `npm install`.'],
  },
  {
    id: 'evidence.hooks-must-pass',
    policy: 'evidence',
    summary: 'commits are made with the hooks running',
    hooks: ['pre-push'],
    match: [
      RE(String.raw`\b(?:all\s+|the\s+)?(?:git\s+|pre-commit\s+|pre-push\s+|commit\s+)hooks?\s+(?:must|should|have to)\s+(?:always\s+)?(?:run|pass|succeed)\b`),
      RE(String.raw`\b(?:every\s+|each\s+|all\s+)?commits?\s+(?:must|should)\s+(?:pass|go through|run)\s+(?:the\s+)?(?:pre-commit|git|commit)\s+hooks?\b`),
      RE(String.raw`\b${NEG}\s+commit\s+with\s+(?:the\s+)?hooks\s+(?:disabled|off|skipped)\b`),
    ],
    set: { enabled: true },
    scope: 'none',
    positives: [
      { text: 'Git hooks must always run.', expect: { enabled: true } },
      { text: 'Every commit must pass the pre-commit hooks.', expect: { enabled: true } },
      { text: 'Never commit with hooks disabled.', expect: { enabled: true } },
    ],
    negatives: ['Hooks live in `.husky/`.', 'The pre-push hook may take a minute.', 'Write hooks in POSIX sh.'],
  },

  // ---------------------------------------------------------------- recognised, guidance only
  {
    id: 'guidance.coverage',
    policy: null,
    summary: 'coverage threshold',
    reason: 'coverage is measured by the test runner in CI; no hook checks a percentage',
    hooks: [],
    match: [/\bcoverage\b.*\d+ ?%|\d+ ?%.*\bcoverage\b/],
    set: {},
    scope: 'none',
    positives: [{ text: 'Keep coverage above 80%.' }, { text: 'Line coverage must stay at 90 % or more.' }, { text: 'Maintain 100% branch coverage in core/.' }],
    negatives: ['Coverage reports are uploaded by CI.', 'Add tests for every new feature.', 'Keep PRs under 400 lines.'],
  },
  {
    id: 'guidance.small',
    policy: null,
    summary: 'keep changes small (no number)',
    reason: 'no limit is given; set size.maxLines / size.branch.maxLines to enforce one',
    hooks: [],
    match: [RE(String.raw`\b(?:keep|make)\s+(?:your\s+|the\s+|all\s+)?(?:prs?|pull requests?|commits?|changes?|diffs?)\s+(?:small|focused|atomic|small and focused|focused and small|reviewable|tight)\b(?![^.]*\d)`), /\b(?:small|atomic),? (?:focused )?commits\b(?![^.]*\d)/],
    set: {},
    scope: 'none',
    positives: [{ text: 'Keep PRs small.' }, { text: 'Make commits atomic.' }, { text: 'Prefer small, focused commits.' }],
    negatives: ['Keep PRs under 400 lines.', 'Small commits, at most 10 files.', 'Keep the README small.'],
  },
  {
    id: 'guidance.lockfile-by-hand',
    policy: null,
    summary: 'lockfiles change only through the package manager',
    reason: 'a hook cannot tell a hand edit from `npm install`; protecting the lockfile would block dependency updates',
    hooks: [],
    match: [RE(String.raw`\b${NEG}\s+(?:\w+\s+)?(?:edit|modify|change|touch)\s+.*(?:lock ?files?|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|poetry\.lock|go\.sum)`)],
    set: {},
    scope: 'none',
    positives: [{ text: "Don't edit package-lock.json by hand." }, { text: 'Never manually modify the lockfile.' }, { text: 'Do not touch `pnpm-lock.yaml` directly; run `pnpm install`.' }],
    negatives: ['Commit the lockfile with dependency changes.', 'Do not edit `migrations/`.', 'Run `npm ci` in CI.'],
  },
];

/** Entries that map to a policy (the catalog's "at least 40"). */
export function enforceableEntries(): CatalogEntry[] {
  return CATALOG.filter((e) => e.policy !== null);
}
