/** Version control and CI/CD platforms. */
import type { RuleSpec } from '../types.js';
import { B62, B64URL, HEX, LOWER_NUM, crcToken, j, jwt, rnd } from '../kit.js';
import { tok } from './helpers.js';

function github(id: string, description: string, prefix: string): RuleSpec {
  return tok(id, description, prefix, 'A-Za-z0-9', B62, 36, {
    checksum: 'github',
    pos: () => [{ secret: crcToken(prefix, `${id}1`) }, { secret: crcToken(prefix, `${id}2`) }],
    neg: () => ({
      other: [
        // right shape, wrong checksum: a typo or a made-up token
        prefix + rnd(B62, 36, `${id}bad`),
      ],
    }),
  });
}

const URLCLS = '\\w-';

export const vcsRules: RuleSpec[] = [
  github('github-pat', 'GitHub personal access token (classic)', 'ghp_'),
  github('github-oauth-token', 'GitHub OAuth access token', 'gho_'),
  github('github-user-to-server-token', 'GitHub App user-to-server token', 'ghu_'),
  github('github-server-to-server-token', 'GitHub App installation (server-to-server) token', 'ghs_'),
  github('github-refresh-token', 'GitHub refresh token', 'ghr_'),
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    pattern: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9])',
    samples: () => ({
      positive: [{ secret: j('github_pat_', rnd(B62, 22, 'gfp1'), '_', rnd(B62, 59, 'gfp1b')) }, { secret: j('github_pat_', rnd(B62, 22, 'gfp2'), '_', rnd(B62, 59, 'gfp2b')) }],
      negative: { placeholder: 'github_pat_' + 'x'.repeat(22) + '_' + 'x'.repeat(59), length: j('github_pat_', rnd(B62, 22, 'gfp3'), '_', rnd(B62, 30, 'gfp3b')), prefix: j('github_pet_', rnd(B62, 22, 'gfp4'), '_', rnd(B62, 59, 'gfp4b')) },
    }),
  },
  {
    id: 'github-app-installation-token',
    description: 'GitHub App installation token (ghs_<app id>_<JWT> format)',
    keywords: ['ghs_'],
    pattern: 'ghs_\\d{1,12}_eyJ[\\w-]{10,500}\\.eyJ[\\w-]{10,1500}\\.[\\w-]{20,600}',
    samples: () => ({
      positive: [{ secret: j('ghs_', '3141592_', jwt('ghsa1')) }, { secret: j('ghs_', '98765_', jwt('ghsa2', { repo: 'x' })) }],
      negative: { placeholder: 'ghs_123_eyJxxx.eyJxxx.xxx', length: j('ghs_1_eyJ', rnd(B64URL, 5, 'ghsa3'), '.eyJ', rnd(B64URL, 5, 'ghsa3b'), '.x'), prefix: j('ghz_', '3141592_', jwt('ghsa4')) },
    }),
  },
  tok('gitlab-pat', 'GitLab personal access token', 'glpat-', URLCLS, B64URL, 20),
  {
    id: 'gitlab-pat-routable',
    description: 'GitLab personal access token (routable format)',
    keywords: ['glpat-'],
    pattern: 'glpat-[\\w-]{27,80}\\.[0-9a-z]{2}\\.[0-9a-z]{7,9}(?![0-9a-z])',
    samples: () => ({
      positive: [{ secret: j('glpat-', rnd(B64URL, 38, 'glr1'), '.01.', rnd(LOWER_NUM, 9, 'glr1b')) }, { secret: j('glpat-', rnd(B64URL, 27, 'glr2'), '.0w.', rnd(LOWER_NUM, 8, 'glr2b')) }],
      negative: { placeholder: 'glpat-' + 'x'.repeat(38) + '.01.xxxxxxxxx', length: j('glpat-', rnd(B64URL, 38, 'glr3'), '.01.', rnd(LOWER_NUM, 4, 'glr3b')), prefix: j('glpad-', rnd(B64URL, 38, 'glr4'), '.01.', rnd(LOWER_NUM, 9, 'glr4b')) },
    }),
  },
  tok('gitlab-deploy-token', 'GitLab deploy token', 'gldt-', URLCLS, B64URL, [20, 60]),
  tok('gitlab-runner-token', 'GitLab runner authentication token', 'glrt-', URLCLS, B64URL, [20, 60]),
  tok('gitlab-ci-build-token', 'GitLab CI/CD job token', 'glcbt-', URLCLS, B64URL, [20, 80]),
  tok('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'glptt-', 'a-f0-9', HEX, 40),
  tok('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', 'a-f0-9', HEX, 64),
  tok('gitlab-runner-registration-token', 'GitLab runner registration token (legacy)', 'GR1348941', URLCLS, B64URL, 20),
  tok('gitlab-scim-token', 'GitLab SCIM OAuth token', 'glsoat-', URLCLS, B64URL, 20),
  tok('gitlab-feature-flag-token', 'GitLab feature flag client token', 'glffct-', URLCLS, B64URL, 20),
  tok('gitlab-agent-token', 'GitLab agent for Kubernetes token', 'glagent-', URLCLS, B64URL, [50, 60]),
  tok('gitlab-incoming-mail-token', 'GitLab incoming email token', 'glimt-', URLCLS, B64URL, 25),
  tok('bitbucket-app-password', 'Bitbucket / Atlassian app password', 'ATBB', 'A-Za-z0-9_=.-', B62, 32),
  tok('circleci-personal-token', 'CircleCI personal API token', 'CCIPAT_', 'A-Za-z0-9', B62, 22, { tail: '_[a-f0-9]{40}', tailSample: (s) => '_' + rnd(HEX, 40, `cci${s}`) }),
  tok('buildkite-token', 'Buildkite API access token', 'bkua_', 'a-f0-9', HEX, 40),
  {
    id: 'sourcegraph-token',
    description: 'Sourcegraph access token',
    keywords: ['sgp_'],
    pattern: 'sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: 'sgp_' + rnd(HEX, 16, 'sg1') + '_' + rnd(HEX, 40, 'sg1b') }, { secret: 'sgp_' + rnd(HEX, 40, 'sg2') }],
      negative: { placeholder: 'sgp_' + 'x'.repeat(40), length: 'sgp_' + rnd(HEX, 30, 'sg3'), prefix: 'sgq_' + rnd(HEX, 40, 'sg4') },
    }),
  },
  tok('jfrog-api-key', 'JFrog Artifactory API key', 'AKCp', 'A-Za-z0-9', B62, 69),
  tok('jfrog-identity-token', 'JFrog identity / reference token', 'cmVmdGtuOjAxOj', 'A-Za-z0-9', B62, [50, 60]),
  tok('gitea-token', 'Gitea / Forgejo access token (in GITEA_TOKEN)', 'gitea', '', '', 0, {
    keywords: ['gitea_token', 'forgejo_token', 'gitea_access_token'],
    pattern: '(?:gitea|forgejo)_(?:access_)?token["\']?\\s{0,3}[=:]\\s{0,3}["\']?([a-f0-9]{40})(?![a-f0-9])',
    ignoreCase: true,
    pos: () => [
      { secret: rnd(HEX, 40, 'gt1'), name: 'GITEA_TOKEN' },
      { secret: rnd(HEX, 40, 'gt2'), name: 'forgejo_token' },
    ],
    neg: () => ({ placeholder: 'GITEA_TOKEN=${GITEA_TOKEN}', length: `GITEA_TOKEN=${rnd(HEX, 20, 'gt3')}`, prefix: `GITEE_TOKEN=${rnd(HEX, 40, 'gt4')}` }),
  }),
];
