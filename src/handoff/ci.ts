/**
 * CI workflow that runs `harness-hooks verify` on pull requests. The lead wires it to `init --ci github`.
 * Other CI systems: docs/evidence.md has the equivalent snippets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const GITHUB_WORKFLOW_PATH = '.github/workflows/harness.yml';

export const GITHUB_WORKFLOW = `# Written by \`harness-hooks init --ci github\`. Checks that every commit in a pull request carries
# valid Harness-Evidence (the hooks ran on exactly that change) and re-runs the policies over the
# range. Docs: https://github.com/harness-hooks/harness-hooks/blob/main/docs/evidence.md
name: harness

on:
  pull_request:

permissions:
  contents: read

jobs:
  verify:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # the PR's own head commit (not GitHub's synthetic merge commit), with full history
          ref: \${{ github.event.pull_request.head.sha }}
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci --ignore-scripts
      - name: harness-hooks verify
        run: npx harness-hooks verify --range origin/\${{ github.base_ref }}..HEAD
`;

export class CiWorkflowExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists with other content; it was not overwritten. Merge the verify step by hand (see docs/evidence.md) or delete the file and run again.`);
    this.name = 'CiWorkflowExistsError';
  }
}

/**
 * Write the workflow file under root. Returns the files written (repo-relative): [] when the same
 * file is already there. A different existing file is never overwritten: CiWorkflowExistsError.
 */
export async function writeCiWorkflow(root: string, provider: 'github'): Promise<string[]> {
  if (provider !== 'github') throw new Error(`unsupported CI provider "${String(provider)}": only github is written; see docs/evidence.md for others`);
  const file = join(root, GITHUB_WORKFLOW_PATH);
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') === GITHUB_WORKFLOW) return [];
    throw new CiWorkflowExistsError(GITHUB_WORKFLOW_PATH);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, GITHUB_WORKFLOW);
  return [GITHUB_WORKFLOW_PATH];
}
