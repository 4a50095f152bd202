/** HTTP credentials: Basic and Bearer headers, curl -u, .netrc. */
import type { RuleSpec } from '../types.js';
import { B62, B64URL, j, rnd } from '../kit.js';
import { VALIDATORS } from './validators.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

export const httpRules: RuleSpec[] = [
  {
    id: 'http-basic-auth-header',
    description: 'HTTP Basic credentials in an Authorization header',
    keywords: ['authorization'],
    pattern: 'Authorization["\']?\\s{0,3}[:=]\\s{0,3}["\']?Basic\\s{1,3}([A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])',
    ignoreCase: true,
    validate: VALIDATORS['http-basic-auth-header'],
    allow: ['^dXNlcm5hbWU6cGFzc3dvcmQ'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = b64(`svc-${s}:${rnd(B62, 20, `hb${s}`)}`);
        return { secret, text: s === 1 ? `curl -H "Authorization: Basic ${secret}" https://api.internal/v1` : `headers = {"Authorization": "Basic ${secret}"}` };
      }),
      negative: { placeholder: 'Authorization: Basic <base64 credentials>', length: `Authorization: Basic ${b64('a:b')}`, prefix: `Authorisation: Basic ${b64('svc:' + rnd(B62, 20, 'hb4'))}`, other: [`Authorization: Basic ${b64('username:password')}`] },
    }),
  },
  {
    id: 'http-bearer-token',
    description: 'Bearer token in an Authorization header',
    keywords: ['authorization'],
    pattern: 'Authorization["\']?\\s{0,3}[:=]\\s{0,3}["\'`]?Bearer\\s{1,3}([A-Za-z0-9._~+/-]{20,2000}={0,2})(?![A-Za-z0-9._~+/=-])',
    ignoreCase: true,
    skipReferences: true,
    entropy: 3.5,
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j(rnd(B64URL, 40, `bt${s}`).replace(/^[-_]/, 'a'), '.', rnd(B62, 20, `bt${s}b`));
        return { secret, text: s === 1 ? `curl -H 'Authorization: Bearer ${secret}' https://api.internal` : `fetch(url, { headers: { Authorization: "Bearer ${secret}" } })` };
      }),
      negative: { placeholder: 'Authorization: Bearer <YOUR_TOKEN>', length: `Authorization: Bearer ${rnd(B62, 10, 'bt3')}`, prefix: `Authorization: Bearr ${rnd(B62, 40, 'bt4')}`, other: ['Authorization: `Bearer ${token}`', 'Authorization: Bearer $GITHUB_TOKEN'] },
    }),
  },
  {
    id: 'curl-user-credentials',
    description: 'curl -u user:password on a command line',
    keywords: ['curl '],
    pattern: 'curl [^\\n]{0,200}?(?:-u|--user)\\s{1,3}["\']?([^\\s:\'"$]{1,80}:[^\\s\'"]{4,200})',
    ignoreCase: false,
    validate: VALIDATORS['curl-user-credentials'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = `deploy:${rnd(B62, 18, `cu${s}`)}`;
        return { secret, text: s === 1 ? `curl -fsS -u ${secret} https://nexus.internal/upload` : `  run: curl --user "${secret}" -T app.tgz https://files.internal/` };
      }),
      negative: { placeholder: 'curl -u deploy:$DEPLOY_PASSWORD https://x', length: 'curl -u deploy:ab https://x', prefix: `curly -u deploy:${rnd(B62, 18, 'cu4')} https://x` },
    }),
  },
  {
    id: 'netrc-password',
    description: 'Password in a .netrc entry',
    keywords: ['machine '],
    pattern: 'machine\\s{1,5}[\\w.-]{1,100}\\s{1,5}login\\s{1,5}[^\\s]{1,100}\\s{1,5}password\\s{1,5}([^\\s\'"`]{4,200})',
    skipReferences: true,
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = rnd(B62, 24, `nr${s}`);
        return { secret, text: s === 1 ? `machine api.heroku.com login me@corp.io password ${secret}` : `machine git.internal\n  login ci\n  password ${secret}\n` };
      }),
      negative: { placeholder: 'machine api.internal login me password $NETRC_PASSWORD', length: 'machine api.internal login me password ab', prefix: `machines api.internal login me password ${rnd(B62, 24, 'nr4')}` },
    }),
  },
];
