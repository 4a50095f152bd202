/** Noise control: texts that look secret-ish but are not must produce no finding from any rule. */
import { describe, expect, it } from 'vitest';
import { scanText, redact, redactText, scanLines, scanFileText, fingerprint } from '../../src/secrets/index.js';
import { rnd, B62, B64, HEX, crcToken } from '../../src/secrets/kit.js';

const sha = (seed: string, n = 40) => rnd(HEX, n, seed);
const b64 = (seed: string, n: number) => rnd(B64, n, seed);
const uuid = (s: string) => { const h = sha(s, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`; };

const NOISE: Record<string, string> = {
  'package-lock integrity': `      "integrity": "sha512-${b64('pl1', 86)}=="`,
  'package-lock resolved': '      "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",',
  'yarn.lock': `  integrity sha512-${b64('yl', 86)}==\n  resolved "https://registry.yarnpkg.com/secret-handshake/-/secret-handshake-1.1.0.tgz#${sha('yl2')}"`,
  'pnpm-lock': `  /token-types@5.0.1:\n    resolution: {integrity: sha512-${b64('pn', 86)}==}`,
  'go.sum': `github.com/golang-jwt/jwt/v5 v5.2.1 h1:${b64('gs', 43)}=`,
  'git sha': `commit ${sha('c1')}\nMerge: ${sha('c2').slice(0, 7)} ${sha('c3').slice(0, 7)}`,
  'sha256 digest': `image: node@sha256:${sha('d1', 64)}\nchecksum = "${sha('d2', 64)}"`,
  uuids: `id: ${uuid('u1')}\n"requestId": "${uuid('u2')}"`,
  'data uri': `background: url(data:image/png;base64,iVBORw0KGgo${b64('png', 400)}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==);`,
  'ssh public key': `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64('pk', 43)} me@laptop\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${b64('rsa', 300)} ci@host`,
  'pem public key': `-----BEGIN PUBLIC KEY-----\n${b64('pub1', 64)}\n${b64('pub2', 64)}\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n${b64('crt', 64)}\n-----END CERTIFICATE-----`,
  'minified bundle': `!function(e){var t={};function n(r){if(t[r])return t[r].exports}n.token=function(e){return e.token},n.secret=e.secret||null,n.apiKey=r.apiKey;var o={password:i.password,passwordConfirm:""};this.vocab=new Map,this.tokenizer=new s(e.tokenizer_config)}(window);`,
  interpolation: 'API_KEY=${API_KEY}\nDB_PASSWORD="${DB_PASSWORD}"\ntoken: {{ .Values.token }}\npassword: "{{ vault_password }}"',
  'env lookups': 'const token = process.env.GITHUB_TOKEN;\napi_key = os.getenv("OPENAI_API_KEY")\npassword = os.environ["DB_PASSWORD"]\nsecret: import.meta.env.VITE_SECRET',
  placeholders: 'OPENAI_API_KEY=your-api-key\nSTRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=<TOKEN>\npassword: "********"\napi_key: "<YOUR_API_KEY>"\ntoken = "xxxx"',
  'documented AWS example': ['AKIA', 'IOSFODNN7EXAMPLE'].join('') + '\naws_secret_access_key = ' + ['wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join(''),
  'type annotations': 'interface Login { password: string; token?: string; apiKey: string | undefined }\ndef login(password: str, token: Optional[str] = None):',
  'ordinary code': 'const passwordInput = document.querySelector("#password");\nif (token.length < 16) throw new Error("token too short");\nconst secretName = `${prefix}-secret`;',
  'bad checksum github-shaped id': 'ghp_' + rnd(B62, 36, 'nocrc'),
  'minified parser code': 'ns:[],strictMode:null,ranges:!1,tokens:!1,createImportExpressions:!1,x;{A(e),e.currentChar===47?(A(e),e.token=25):e.token=8456258;break}tokenValue:"",token:1048576,tokenRaw:"",(e.token===274549||e.token===8738868&&o)',
  'css and ids': '.token-list { color: #ff00ff }\n<div id="api-key-field" class="secret-panel">',
};

describe('noise control', () => {
  for (const [name, text] of Object.entries(NOISE)) {
    it(`stays silent: ${name}`, () => {
      expect(scanText(text).map((f) => `${f.rule}: ${f.secret.slice(0, 12)}`)).toEqual([]);
    });
  }
});

describe('redaction and locations', () => {
  const tok = crcToken('ghp_', 'redact');
  it('redact shows a few leading chars, the length and a short hash, never the secret', () => {
    const r = redact(tok);
    expect(r).toMatch(/^ghp_…\(40 chars, sha256:[0-9a-f]{8}\)$/);
    expect(r).not.toContain(tok.slice(4, 12));
    expect(redact('abcdefgh')).toMatch(/^a…\(8 chars/);
  });
  it('redactText masks every secret in command output', () => {
    const out = `step 1 ok\nexport GH=${tok}\nurl=postgres://app:${rnd(B62, 16, 'rt')}@db/app\ndone`;
    const red = redactText(out);
    expect(red).not.toContain(tok);
    expect(red).not.toContain(rnd(B62, 16, 'rt'));
    expect(red).toContain('step 1 ok');
    expect(red).toContain('[REDACTED github-pat ghp_…');
    expect(redactText('nothing here')).toBe('nothing here');
  });
  it('scanLines reports the new-file line numbers and columns of added lines, CRLF included', () => {
    const found = scanLines([
      { line: 10, text: 'const a = 1;\r' },
      { line: 42, text: `  token: "${tok}",\r` },
    ]);
    expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([['github-pat', 42, 11]]);
  });
  it('scanFileText finds a multi-line private key on its first line', () => {
    const key = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...[1, 2, 3].map((i) => rnd(B64, 70, `k${i}`)), '-----END OPENSSH PRIVATE KEY-----'].join('\n');
    const found = scanFileText(`# deploy key\n\n${key}\n`);
    expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([['openssh-private-key', 3, 1]]);
  });
  it('fingerprints carry rule and path and a hash, never the secret or a line number', () => {
    const fp = fingerprint('github-pat', 'src/a.ts', tok);
    expect(fp).toMatch(/^github-pat:src\/a\.ts:[0-9a-f]{16}$/);
    expect(fp).not.toContain(tok.slice(4));
  });
});
