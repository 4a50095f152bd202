/** Private keys (PEM, OpenSSH, PGP, PuTTY) and JWTs. */
import type { RuleSpec } from '../types.js';
import { B64, B64URL, j, jwt, rnd } from '../kit.js';
import { VALIDATORS } from './validators.js';

// Body: base64 and whitespace, JSON-escaped newlines (\n), header fields; a single '-' but never '--'.
const BODY = '(?:[A-Za-z0-9+/=\\s\\\\:,.]|-(?!-)){64,4000}';

function pemLines(seed: string, lines: number, nl = '\n'): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(rnd(B64, 64, `${seed}${i}`));
  return out.join(nl);
}
function block(label: string, seed: string, nl = '\n', header = ''): string {
  return j('-----BEGIN ', label, '-----', nl, header, pemLines(seed, 8, nl), nl, '-----END ', label, '-----');
}

function pkRule(id: string, description: string, labels: string, sample1: string, sample2: string, near: string): RuleSpec {
  return {
    id,
    description,
    keywords: ['-----begin'],
    pattern: `-----BEGIN ${labels}-----${BODY}(?:-----END ${labels}-----)?`,
    validate: VALIDATORS[id],
    samples: () => ({
      positive: [
        { secret: block(sample1, `${id}1`), text: `${block(sample1, `${id}1`)}\n` },
        // JSON-escaped, as in a service-account file or a secret manager export
        { secret: block(sample2, `${id}2`, '\\n'), text: `{"private_key": "${block(sample2, `${id}2`, '\\n')}\\n"}` },
      ],
      negative: {
        placeholder: `-----BEGIN ${sample1}-----\n<your private key here>\n-----END ${sample1}-----`,
        length: j('-----BEGIN ', sample1, '-----\n', rnd(B64, 40, `${id}3`), '\n-----END ', sample1, '-----'),
        prefix: block(near, `${id}4`),
      },
    }),
  };
}

export const keyRules: RuleSpec[] = [
  pkRule('pem-private-key', 'PEM private key (PKCS#1, PKCS#8, EC, DSA, encrypted)', '(?:(?:RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY', 'RSA PRIVATE KEY', 'PRIVATE KEY', 'RSA PUBLIC KEY'),
  pkRule('openssh-private-key', 'OpenSSH private key', 'OPENSSH PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'OPENSSH PUBLIC KEY'),
  pkRule('pgp-private-key-block', 'PGP / GPG private key block', 'PGP PRIVATE KEY BLOCK', 'PGP PRIVATE KEY BLOCK', 'PGP PRIVATE KEY BLOCK', 'PGP PUBLIC KEY BLOCK'),
  {
    id: 'pem-private-key-base64',
    description: 'base64 of a PEM private key (Kubernetes tls.key, kubeconfig client-key-data)',
    // base64 of "-----BEGIN " (the 15th character fixes the space); the rest is decoded and checked.
    keywords: ['ls0tls1crudjtib'],
    pattern: 'LS0tLS1CRUdJTiB(?:[A-Za-z0-9+/]{4}){20,3000}[A-Za-z0-9+/]{0,4}={0,2}(?![A-Za-z0-9+/=])',
    validate: VALIDATORS['pem-private-key-base64'],
    samples: () => {
      const enc = (s: string) => Buffer.from(s).toString('base64');
      const k1 = enc(block('RSA PRIVATE KEY', 'pkb1') + '\n');
      const k2 = enc(block('EC PRIVATE KEY', 'pkb2') + '\n');
      const k3 = enc(block('PRIVATE KEY', 'pkb3') + '\n');
      return {
        positive: [
          { secret: k1, text: `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${enc(block('CERTIFICATE', 'pkbc'))}\n  tls.key: ${k1}\n` },
          { secret: k2, text: `users:\n- name: admin\n  user:\n    client-key-data: ${k2}\n` },
          { secret: k3, text: `{"data": {"tls.key": "${k3}"}}` },
        ],
        negative: {
          placeholder: `tls.key: ${enc('-----BEGIN PRIVATE KEY-----\n<your private key here>\n-----END PRIVATE KEY-----\n')}`,
          length: `tls.key: ${enc(j('-----BEGIN PRIVATE KEY-----\n', rnd(B64, 40, 'pkb4'), '\n-----END PRIVATE KEY-----\n'))}`,
          prefix: `tls.crt: ${enc(block('CERTIFICATE', 'pkb5'))}`,
          other: [`client-certificate-data: ${enc(block('PUBLIC KEY', 'pkb6'))}`],
        },
      };
    },
  },
  {
    id: 'laravel-app-key',
    description: 'Laravel application key (APP_KEY=base64:...), which encrypts sessions and cookies',
    keywords: ['app_key'],
    pattern: 'APP_KEY["\']?\\s{0,3}[=:]\\s{0,3}["\']?(base64:[A-Za-z0-9+/]{43}=)',
    ignoreCase: true,
    samples: () => ({
      positive: [
        { secret: `base64:${rnd(B64, 43, 'lk1')}=`, text: `APP_ENV=production\nAPP_KEY=base64:${rnd(B64, 43, 'lk1')}=\nAPP_DEBUG=false` },
        { secret: `base64:${rnd(B64, 43, 'lk2')}=`, text: `      APP_KEY: "base64:${rnd(B64, 43, 'lk2')}="` },
      ],
      negative: { placeholder: 'APP_KEY=base64:<generate with php artisan key:generate>', length: `APP_KEY=base64:${rnd(B64, 20, 'lk3')}=`, prefix: `APP_KEX=base64:${rnd(B64, 43, 'lk4')}=`, other: ['APP_KEY=', "'key' => env('APP_KEY'),"] },
    }),
  },
  {
    id: 'putty-private-key',
    description: 'PuTTY private key file (.ppk)',
    keywords: ['putty-user-key-file-'],
    pattern: 'PuTTY-User-Key-File-\\d: [\\w-]{3,30}\\s{1,2}Encryption: [\\w-]{3,30}\\s{1,2}Comment: [^\\n]{0,200}\\n(?:[^\\n]{0,200}\\n){0,16}?Private-Lines: \\d{1,3}\\r?\\n[A-Za-z0-9+/=]{32,128}',
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me@host\nPublic-Lines: 2\n', pemLines(`pp${s}a`, 2), '\nPrivate-Lines: 2\n', pemLines(`pp${s}`, 1));
        return { secret, text: secret + '\n' + pemLines(`pp${s}z`, 1).slice(0, 20) + '\nPrivate-MAC: ' + rnd('0123456789abcdef', 64, `pp${s}m`) };
      }),
      negative: {
        placeholder: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: <comment>\nPrivate-Lines: 1\n<key>',
        length: j('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPrivate-Lines: 1\n', rnd(B64, 20, 'pp3')),
        prefix: j('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 1\n', pemLines('pp4', 2)),
      },
    }),
  },
  {
    id: 'jwt',
    description: 'JSON Web Token (may carry a session or a service credential)',
    keywords: ['eyj'],
    // The jwt.io documentation example (John Doe) is not a secret.
    // Documentation examples: jwt.io's default token, and the {"some":"payload"} token from PyJWT's README.
    allow: ['^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\\.', '^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.eyJzb21lIjoicGF5bG9hZCJ9\\.'],
    pattern: 'eyJ[\\w-]{10,500}\\.eyJ[\\w-]{10,3000}\\.[\\w-]{20,1000}(?![\\w-])',
    validate: VALIDATORS.jwt,
    samples: () => ({
      positive: [{ secret: jwt('jw1') }, { secret: jwt('jw2', { role: 'service_role', iss: 'supabase' }) }],
      negative: {
        placeholder: 'eyJhbGciOi...<token>',
        length: j('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.', rnd(B64URL, 8, 'jw3')),
        prefix: j(Buffer.from('{"alg":"HS256"}').toString('base64url').replace(/^ey/, 'ez'), '.', jwt('jw4').split('.')[1]!, '.', rnd(B64URL, 43, 'jw4s')),
        other: [`${Buffer.from('{"alg":"none"}').toString('base64url')}.${jwt('jw5').split('.')[1]}.${rnd(B64URL, 30, 'jw5s')}`],
      },
    }),
  },
];
