/** Package registries and artifact stores. */
import type { RuleSpec } from '../types.js';
import { B62, B64, B64URL, HEX, LOWER_NUM, crcToken, j, rnd } from '../kit.js';
import { named, tok } from './helpers.js';
import { VALIDATORS } from './validators.js';

const URLCLS = '\\w-';

export const registryRules: RuleSpec[] = [
  tok('npm-access-token', 'npm access token', 'npm_', 'A-Za-z0-9', B62, 36, {
    checksum: 'npm',
    pos: () => [{ secret: crcToken('npm_', 'npm1') }, { secret: crcToken('npm_', 'npm2') }],
    neg: () => ({ other: ['npm_' + rnd(B62, 36, 'npmbad'), 'npm_config_cache=/tmp/npm-cache-directory-for-ci'] }),
  }),
  {
    id: 'npmrc-auth-token',
    description: 'npm registry auth token in .npmrc (_authToken)',
    keywords: ['_authtoken'],
    pattern: '_authToken\\s{0,3}=\\s{0,3}["\']?([A-Za-z0-9_.+/=-]{20,500})(?![A-Za-z0-9_.+/=-])',
    skipReferences: true,
    entropy: 3.5,
    samples: () => ({
      positive: [
        { secret: rnd(B64URL, 36, 'nrc1'), text: `//registry.npmjs.org/:_authToken=${rnd(B64URL, 36, 'nrc1')}` },
        { secret: rnd(B62, 48, 'nrc2'), text: `//npm.pkg.github.com/:_authToken="${rnd(B62, 48, 'nrc2')}"` },
      ],
      negative: { placeholder: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', length: `//registry.npmjs.org/:_authToken=${rnd(B62, 10, 'nrc3')}`, prefix: `//registry.npmjs.org/:_authTokn=${rnd(B62, 36, 'nrc4')}` },
    }),
  },
  {
    id: 'npmrc-auth',
    description: 'npm registry basic credentials in .npmrc (_auth / _password)',
    keywords: [':_auth=', ':_password=', '\n_auth='],
    pattern: '(?::_auth|:_password|\\n_auth)\\s{0,3}=\\s{0,3}["\']?([A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])',
    skipReferences: true,
    entropy: 3,
    samples: () => ({
      positive: [
        { secret: Buffer.from(`ci-bot:${rnd(B62, 20, 'na1')}`).toString('base64'), text: `//registry.example.org/:_auth=${Buffer.from(`ci-bot:${rnd(B62, 20, 'na1')}`).toString('base64')}` },
        { secret: Buffer.from(rnd(B62, 18, 'na2')).toString('base64'), text: `//nexus.corp/:_password="${Buffer.from(rnd(B62, 18, 'na2')).toString('base64')}"` },
      ],
      negative: { placeholder: '//registry.example.org/:_auth=${NPM_AUTH}', length: '//registry.example.org/:_auth=YWJj', prefix: `//registry.example.org/:_author=${Buffer.from('ci-bot:' + rnd(B62, 20, 'na4')).toString('base64')}` },
    }),
  },
  tok('pypi-upload-token', 'PyPI upload token', 'pypi-AgEIcHlwaS5vcmc', URLCLS, B64URL, [50, 1000]),
  tok('test-pypi-upload-token', 'TestPyPI upload token', 'pypi-AgENdGVzdC5weXBpLm9yZw', URLCLS, B64URL, [50, 1000]),
  tok('docker-hub-pat', 'Docker Hub personal access token', 'dckr_pat_', URLCLS, B64URL, 27),
  tok('docker-hub-oat', 'Docker Hub organization access token', 'dckr_oat_', URLCLS, B64URL, 32),
  {
    id: 'docker-config-auth',
    description: 'Registry credentials in a Docker config.json ("auth": base64 of user:password)',
    keywords: ['"auth"'],
    pattern: '"auth"\\s{0,3}:\\s{0,3}"([A-Za-z0-9+/]{8,400}={0,2})"',
    validate: VALIDATORS['docker-config-auth'],
    samples: () => ({
      positive: [
        { secret: Buffer.from(`deploy:${rnd(B62, 24, 'dca1')}`).toString('base64'), text: `{"auths": {"ghcr.io": {"auth": "${Buffer.from(`deploy:${rnd(B62, 24, 'dca1')}`).toString('base64')}"}}}` },
        { secret: Buffer.from(`me@corp.io:${rnd(B62, 30, 'dca2')}`).toString('base64'), text: `"auth": "${Buffer.from(`me@corp.io:${rnd(B62, 30, 'dca2')}`).toString('base64')}"` },
      ],
      negative: { placeholder: '"auth": "<base64 user:password>"', length: `"auth": "${Buffer.from('a:b').toString('base64')}"`, prefix: `"authz": "${Buffer.from('deploy:' + rnd(B62, 24, 'dca4')).toString('base64')}"`, other: [`"auth": "${rnd(B64, 40, 'dca5')}"`] },
    }),
  },
  {
    id: 'docker-config-json-base64',
    description: 'Registry credentials in a base64 Docker config (Kubernetes .dockerconfigjson / .dockercfg)',
    keywords: ['.dockerconfigjson', '.dockercfg'],
    pattern: '\\.docker(?:configjson|cfg)["\']?\\s{0,3}:\\s{0,3}["\']?((?:[A-Za-z0-9+/]{4}){8,3000}[A-Za-z0-9+/]{0,3}={0,2})(?![A-Za-z0-9+/=])',
    tailGroup: true,
    validate: VALIDATORS['docker-config-json-base64'],
    samples: () => {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
      const cfg = (host: string, user: string, seed: string) => enc({ auths: { [host]: { username: user, password: rnd(B62, 30, seed), auth: Buffer.from(`${user}:${rnd(B62, 30, seed)}`).toString('base64') } } });
      const c1 = cfg('ghcr.io', 'deploy', 'dcj1');
      const c2 = cfg('registry.gitlab.com', 'gitlab+deploy-token-12', 'dcj2');
      return {
        positive: [
          { secret: c1, text: `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${c1}\n` },
          { secret: c2, text: `{"kind": "Secret", "data": {".dockerconfigjson": "${c2}"}}` },
        ],
        negative: {
          placeholder: '.dockerconfigjson: <base64-encoded-docker-config>',
          length: `.dockerconfigjson: ${enc({})}`,
          prefix: `.dockerconfig: ${c1}`,
          other: [`.dockerconfigjson: ${enc({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' })}`],
        },
      };
    },
  },
  tok('rubygems-api-key', 'RubyGems API key', 'rubygems_', 'a-f0-9', HEX, 48),
  tok('nuget-api-key', 'NuGet API key', 'oy2', 'a-z0-9', LOWER_NUM, 43),
  tok('crates-io-token', 'crates.io API token', 'cio', 'a-zA-Z0-9', B62, 32),
  {
    id: 'packagist-token',
    description: 'Packagist API token',
    keywords: ['packagist_'],
    pattern: 'packagist_[ou][ru]t_[a-f0-9]{68}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: 'packagist_out_' + rnd(HEX, 68, 'pk1') }, { secret: 'packagist_uut_' + rnd(HEX, 68, 'pk2') }],
      negative: { placeholder: 'packagist_out_' + 'x'.repeat(68), length: 'packagist_out_' + rnd(HEX, 40, 'pk3'), prefix: 'packagist_xut_' + rnd(HEX, 68, 'pk4') },
    }),
  },
  tok('clojars-token', 'Clojars deploy token', 'CLOJARS_', 'a-z0-9', LOWER_NUM, 60),
  named(
    'yarn-npm-auth-token',
    'npm auth token in .yarnrc.yml (npmAuthToken)',
    ['npmauthtoken'],
    'npmAuthToken',
    '[A-Za-z0-9_.+/=-]{20,500}(?![A-Za-z0-9_.+/=-])',
    { name: 'npmAuthToken', gen: (s) => rnd(B64URL, 36, `yat${s}`), short: rnd(B62, 8, 'yat9'), nearName: 'npmAuthTokn' },
    { entropy: 3.5 },
  ),
  {
    id: 'maven-settings-password',
    description: 'Password in Maven settings.xml or another XML config (<password>…</password>)',
    keywords: ['<password>'],
    pattern: '<password>([^<\\s]{6,200})</password>',
    skipReferences: true,
    entropy: 2.5,
    samples: () => ({
      positive: [{ secret: rnd(B62, 20, 'mvn1'), text: `<server><id>corp</id><password>${rnd(B62, 20, 'mvn1')}</password></server>` }, { secret: j(rnd(B62, 10, 'mvn2'), '!#', rnd(B62, 6, 'mvn2b')), text: `    <password>${j(rnd(B62, 10, 'mvn2'), '!#', rnd(B62, 6, 'mvn2b'))}</password>` }],
      negative: { placeholder: '<password>${env.MAVEN_PASSWORD}</password>', length: '<password>abc</password>', prefix: `<passwords>${rnd(B62, 20, 'mvn4')}</passwords>` },
    }),
  },
];
