/**
 * Generic credential assignments: a variable named like a password, secret, token or API key,
 * assigned a literal that is not a reference (`${VAR}`, `process.env.X`, `os.getenv(...)`) and not a
 * placeholder. Lower precision than provider rules: dropped where a provider rule found the secret.
 */
import type { RuleSpec } from '../types.js';
import { B62, B64, DIGITS, j, rnd } from '../kit.js';
import { ASSIGN } from './helpers.js';
import { VALIDATORS, GENERIC } from './validators.js';

function generic(id: keyof typeof GENERIC, description: string, keywords: string[], names: string, entropy: number, sampleName: string, nearName: string): RuleSpec {
  const { minLen } = GENERIC[id];
  return {
    id,
    description,
    keywords,
    // A quoted value may hold '&' (Django keys, generated passwords); an unquoted one stops there
    // (the next parameter of a URL query).
    pattern: `(?:${names})${ASSIGN}((?<=["'\`])[^\\s"'\`]{${minLen},200}|[^\\s"'\`&]{${minLen},200})`,
    tailGroup: true,
    ignoreCase: true,
    generic: true,
    boundary: false,
    skipReferences: true,
    entropy,
    validate: VALIDATORS[id],
    samples: () => ({
      positive: [
        { secret: j(rnd(B62, minLen, `${id}1`), rnd(DIGITS, 2, `${id}1d`)), name: sampleName },
        { secret: j(rnd(B64, minLen + 8, `${id}2`), '7a'), name: `db_${sampleName}` },
        // Typed, index-assigned and call-argument forms.
        { secret: j(rnd(B62, minLen + 4, `${id}5`), '9'), text: `    ${sampleName}: str = "${j(rnd(B62, minLen + 4, `${id}5`), '9')}"` },
        { secret: j(rnd(B62, minLen + 4, `${id}6`), '3'), text: `os.environ["APP_${sampleName.toUpperCase()}"] = "${j(rnd(B62, minLen + 4, `${id}6`), '3')}"` },
        { secret: j(rnd(B62, minLen + 4, `${id}7`), '5'), text: `\tos.Setenv("APP_${sampleName.toUpperCase()}", "${j(rnd(B62, minLen + 4, `${id}7`), '5')}")` },
        { secret: j(rnd(B62, minLen + 4, `${id}11`), '1'), text: `  ${sampleName}: process.env.APP_${sampleName.toUpperCase()} || '${j(rnd(B62, minLen + 4, `${id}11`), '1')}',` },
      ],
      negative: {
        placeholder: `${sampleName} = "\${${sampleName.toUpperCase()}}"`,
        length: `${sampleName} = "${rnd(B62, Math.max(3, minLen - 4), `${id}3`)}"`,
        prefix: `${nearName} = "${rnd(B62, minLen + 4, `${id}4`)}"`,
        other: [
          `${sampleName}: process.env.${sampleName.toUpperCase()}`,
          `${sampleName} = os.getenv("${sampleName.toUpperCase()}")`,
          `const ${sampleName} = config.${sampleName};`,
          `${sampleName}: string;`,
          `${sampleName} = "your-${sampleName}-here"`,
          `${sampleName}: <${sampleName.toUpperCase()}>`,
          // Prose in a message catalog whose key happens to contain the name.
          `"extra_${sampleName}_for_module_6140": "Automatische Erkennung ist im Projekt aktiviert."`,
          // The same in a catalog without spaces between words (CJK), holding format holes.
          `"extra_${sampleName}_for_module_6140": "项目“{0}”中启用了键入内容的自动发现。使用缓存位置“{2}”运行模块“{1}”的额外解决传递。"`,
          // Optional chaining, a camelCase identifier string, a typed declaration without a literal.
          `  ${sampleName}: matchResult?.${sampleName} ?? false,`,
          `  ${sampleName.toUpperCase()}_OID: "challengeValueName",`,
          `  ${sampleName}: Optional[str] = None`,
          // An empty value does not take the next line's; a YAML alias is a reference.
          `${sampleName.toUpperCase()}=\nLOG_FORMAT=${rnd(B62, minLen + 4, `${id}8`)}`,
          `${sampleName}: *default_${sampleName}`,
          `os.Setenv("${sampleName.toUpperCase()}", cfg.Value)`,
          // A list of quoted names, and markup around a word.
          `__all__ = ['HTTP${sampleName}Mgr', 'HTTP${sampleName}MgrWithDefaultRealm', 'AbstractBasicAuthHandler']`,
          `<code>openssl pkcs12 -passout ${sampleName}:sample</code>`,
          // Metadata about the credential: its id, file and type.
          `${sampleName}_id = "${rnd(B62, minLen + 4, `${id}9`)}7"`,
          `${sampleName.toUpperCase()}_FILE=/run/secrets/${rnd(B62, minLen, `${id}10`)}2`,
          // Validation rules (Laravel) are not values.
          `'${sampleName}' => 'required|string|min:12|confirmed',`,
          // Password hashes are safe to commit.
          `${sampleName} = "$2b$12$${rnd(B62, 53, `${id}bc`)}"`,
        ],
      },
    }),
  };
}

const CRED_NAME = '[\\w.-]{0,40}(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\\w.-]{0,40}';

/** Names of keys that are secrets but neither "secret" nor "api key": ENCRYPTION_KEY, SigningKey, MASTER_KEY. */
const KEY_PREFIXES = ['signing', 'encryption', 'encrypt', 'master', 'hmac', 'jwt', 'session', 'cookie', 'aes', 'crypto', 'cipher', 'private'];

/** C / C++ / Arduino `#define WIFI_PASSWORD "..."`. */
const cDefine: RuleSpec = {
  id: 'c-define-credential',
  description: 'C/C++ #define of a credential-named string (Arduino and firmware configs)',
  keywords: ['#define'],
  pattern: '#define[ \\t]{1,10}[A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|AUTH_?KEY|PRIVATE_?KEY)[A-Z0-9_]{0,20}[ \\t]{1,20}"([^"\\n]{8,200})"',
  ignoreCase: true,
  generic: true,
  skipReferences: true,
  entropy: 3,
  validate: VALIDATORS['c-define-credential'],
  samples: () => ({
    positive: [
      { secret: j(rnd(B62, 10, 'cd1'), '!', rnd(DIGITS, 3, 'cd1d')), text: `#define WIFI_PASSWORD "${j(rnd(B62, 10, 'cd1'), '!', rnd(DIGITS, 3, 'cd1d'))}"` },
      { secret: rnd(B62, 32, 'cd2'), text: `#define API_KEY    "${rnd(B62, 32, 'cd2')}"  // from the dashboard` },
      { secret: rnd(B62, 24, 'cd3'), text: `#ifdef PROD\n#define MQTT_AUTH_TOKEN "${rnd(B62, 24, 'cd3')}"\n#endif` },
    ],
    negative: {
      placeholder: '#define WIFI_PASSWORD "your-wifi-password"',
      length: '#define WIFI_PASSWORD "abc"',
      prefix: `#define WIFI_SSID "${rnd(B62, 16, 'cd4')}"`,
      other: ['#define PASSWORD_MAX_LEN 64', '#define API_KEY_HEADER "X-Api-Key"', '#define TOKEN_ENV "MQTT_TOKEN"'],
    },
  }),
};

/** The literal default of a placeholder: Spring `${app.jwt.secret:...}`, compose and shell `${DB_PASSWORD:-...}`. */
const placeholderDefault: RuleSpec = {
  id: 'placeholder-default-credential',
  description: 'Literal default inside a ${name:default} placeholder (Spring @Value, docker-compose, shell)',
  keywords: ['password:', 'passwd:', 'pwd:', 'secret:', 'token:', 'api_key:', 'apikey:', 'api-key:', 'secret-key:', 'secret_key:', 'secretkey:', 'credentials:'],
  pattern: '(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|secret[_-]?key|credentials):-?([^}\\s"\'$]{8,200})\\}',
  ignoreCase: true,
  boundary: false,
  generic: true,
  skipReferences: true,
  entropy: 3,
  validate: VALIDATORS['placeholder-default-credential'],
  samples: () => ({
    positive: [
      { secret: rnd(B62, 32, 'phd1'), text: `@Value("\${app.jwt.secret:${rnd(B62, 32, 'phd1')}}")` },
      { secret: j(rnd(B62, 10, 'phd2'), '!', rnd(DIGITS, 3, 'phd2d')), text: `      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${j(rnd(B62, 10, 'phd2'), '!', rnd(DIGITS, 3, 'phd2d'))}}` },
      { secret: rnd(B62, 24, 'phd3'), text: `spring.datasource.password=\${DB_PASSWORD:${rnd(B62, 24, 'phd3')}}` },
    ],
    negative: {
      placeholder: '@Value("${app.jwt.secret:changeme-in-prod}")',
      length: '${POSTGRES_PASSWORD:-postgres}',
      prefix: `\${app.jwt.issuer:${rnd(B62, 24, 'phd4')}}`,
      other: ['@Value("${app.jwt.secret:}")', '${DB_PASSWORD:-${FALLBACK_PASSWORD}}', 'render({password:e.password})', 'x={secret:n.secret||null}'],
    },
  }),
};

/** PHP `define('DB_PASSWORD', '...')` (wp-config.php, legacy configs): a constant named like a credential. */
const phpDefine: RuleSpec = {
  id: 'php-define-credential',
  description: "PHP define() of a constant named like a credential (wp-config.php DB_PASSWORD, AUTH_KEY, salts)",
  keywords: ['define('],
  pattern: 'define\\(\\s{0,3}["\'][A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|KEY|SALT|TOKEN)[A-Z0-9_]{0,20}["\']\\s{0,3},\\s{0,20}["\']([^\'"\\n]{8,200})["\']',
  ignoreCase: true,
  generic: true,
  skipReferences: true,
  entropy: 3,
  validate: VALIDATORS['php-define-credential'],
  samples: () => ({
    positive: [
      { secret: j(rnd(B62, 10, 'pd1'), '#', rnd(DIGITS, 3, 'pd1d')), text: `define( 'DB_PASSWORD', '${j(rnd(B62, 10, 'pd1'), '#', rnd(DIGITS, 3, 'pd1d'))}' );` },
      // wp-config-sample.php aligns the values with spaces after the comma.
      { secret: rnd(B64 + '!#*-_.,;:[]<>|~^ ', 64, 'pd2').trim(), text: `define( 'SECURE_AUTH_SALT', ${' '.repeat(9)}'${rnd(B64 + '!#*-_.,;:[]<>|~^ ', 64, 'pd2').trim()}' );` },
      { secret: rnd(B62, 32, 'pd3'), text: `<?php define("STRIPE_SECRET", "${rnd(B62, 32, 'pd3')}");` },
    ],
    negative: {
      placeholder: "define( 'AUTH_KEY', 'put your unique phrase here' );",
      length: "define( 'DB_PASSWORD', 'abc' );",
      prefix: `define( 'DB_NAME', '${rnd(B62, 16, 'pd4')}' );`,
      other: ["define( 'DB_PASSWORD', getenv('DB_PASSWORD') );", "define('DB_PASSWORD', '${DB_PASSWORD}');"],
    },
  }),
};

/**
 * A credential in a name/value pair: Kubernetes container env (`- name: DB_PASSWORD` / `value: ...`),
 * ECS task definitions and Postman collections (`{"name"|"key": "...", "value": "..."}`), .NET
 * appSettings and HTML inputs (`key="SmtpPassword" value="..."`).
 */
const nameValue: RuleSpec = {
  id: 'name-value-credential',
  description: 'Credential in a name/value pair (Kubernetes env, ECS task definition, Postman collection, .NET appSettings)',
  keywords: ['"key"', '"name"', 'name:', 'key="', "key='", 'name="', "name='"],
  pattern: `(?:"(?:key|name)"\\s{0,3}:\\s{0,3}"|(?:key|name)=["']|name:[ \\t]{1,3}["']?)${CRED_NAME}["']?\\s{0,3},?\\s{0,60}["']?value["']?\\s{0,3}[:=]\\s{0,3}["']?([^\\s"',}]{8,300})`,
  tailGroup: true,
  ignoreCase: true,
  generic: true,
  skipReferences: true,
  entropy: 2.5,
  validate: VALIDATORS['name-value-credential'],
  samples: () => ({
    positive: [
      { secret: j(rnd(B62, 12, 'nv1'), '!', rnd(DIGITS, 3, 'nv1d')), text: `          env:\n            - name: DB_PASSWORD\n              value: "${j(rnd(B62, 12, 'nv1'), '!', rnd(DIGITS, 3, 'nv1d'))}"\n` },
      { secret: rnd(B62, 40, 'nv2'), text: `"environment": [\n  {\n    "name": "PARTNER_API_KEY",\n    "value": "${rnd(B62, 40, 'nv2')}"\n  }\n]` },
      { secret: rnd(B62, 32, 'nv3'), text: `"header": [{"key": "x-api-key", "value": "${rnd(B62, 32, 'nv3')}", "type": "text"}]` },
      { secret: rnd(B62, 24, 'nv4'), text: `env: [{ name: GITHUB_TOKEN, value: ${rnd(B62, 24, 'nv4')} }]` },
      { secret: rnd(B62, 28, 'nv6'), text: `    <add key="SmtpPassword" value="${rnd(B62, 28, 'nv6')}" />` },
    ],
    negative: {
      placeholder: '{"key": "token", "value": "{{accessToken}}"}',
      length: '- name: DB_PASSWORD\n  value: "abc"',
      prefix: `- name: DB_PASSPORT\n  value: "${rnd(B62, 20, 'nv5')}"`,
      other: [`<input type="hidden" name="authenticity_token" value="${rnd(B64, 86, 'nv7')}==" autocomplete="off">`, '<add key="PasswordMinLength" value="12" />', '<input type="password" name="password" value="" autocomplete="off">', '- name: PASSWORD_MIN_LENGTH\n  value: "12"', '{"name": "api_token_ttl", "value": "3600"}', '- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: { name: db, key: password }'],
    },
  }),
};

/** Dockerfile `ENV NAME value` (the legacy space form: no `=`, the rest of the line is the value). */
const dockerfileEnv: RuleSpec = {
  id: 'dockerfile-env-credential',
  description: 'Dockerfile ENV in the legacy space form (ENV NAME value) with a credential-named variable',
  // ENV starts a line; the newline keeps `#!/usr/bin/env node` and prose ("the env var") out of the prefilter.
  keywords: ['\nenv '],
  boundary: false,
  pattern: '\\nENV[ \\t]{1,5}[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|AUTH_?KEY|ACCESS_?KEY|PRIVATE_?KEY)[A-Za-z0-9_]{0,20}[ \\t]{1,10}["\']?([^\\s"\'=$]{8,200})["\']?[ \\t]{0,20}(?![^\\r\\n])',
  generic: true,
  skipReferences: true,
  entropy: 3,
  validate: VALIDATORS['dockerfile-env-credential'],
  samples: () => ({
    positive: [
      { secret: rnd(B62, 40, 'dfe1'), text: `FROM python:3.12\nENV SESSION_SECRET ${rnd(B62, 40, 'dfe1')}\nCOPY . /app` },
      { secret: j(rnd(B62, 10, 'dfe2'), '!', rnd(DIGITS, 3, 'dfe2d')), text: `FROM postgres:16\nENV POSTGRES_PASSWORD "${j(rnd(B62, 10, 'dfe2'), '!', rnd(DIGITS, 3, 'dfe2d'))}"\n` },
      { secret: rnd(B62, 32, 'dfe3'), text: `FROM node:20\nWORKDIR /srv\nENV   MAPS_API_KEY   ${rnd(B62, 32, 'dfe3')}\n` },
    ],
    negative: {
      placeholder: 'FROM node:20\nENV API_TOKEN changeme\n',
      length: 'FROM node:20\nENV API_TOKEN abc\n',
      prefix: `FROM node:20\nENV API_TOKEN_FILE ${rnd(B62, 3, 'dfe4')}/run/secrets/token\nENV APP_NAME ${rnd(B62, 24, 'dfe4')}\n`,
      other: ['FROM node:20\nENV DB_PASSWORD ${DB_PASSWORD}\n', 'FROM node:20\nENV SESSION_SECRET ""\n', 'FROM node:20\nENV DB_PASSWORD=$DB_PASSWORD\n', '#!/usr/bin/env node\nconsole.log(1)\n', 'FROM node:20\nENV PASSWORD_MIN_LENGTH 12\n'],
    },
  }),
};

export const genericRules: RuleSpec[] = [
  generic('generic-password', 'Password assigned a literal', ['pass', 'pwd'], 'password|passwd|passphrase|pwd|(?<![a-z])pass(?![a-z])', 2.5, 'password', 'passport_no'),
  generic('generic-secret', 'Secret assigned a literal', ['secret'], 'secret', 3.2, 'client_secret', 'client_secrt'),
  // The OAuth RFCs' example tokens (6749 access and refresh, 7009 revocation, 5849 request and access)
  // are quoted in every OAuth library's docs and tests.
  { ...generic('generic-token', 'Token assigned a literal', ['token'], 'token', 3.2, 'auth_token', 'auth_tokn'), allow: ['^(?:2YotnFZFEjr1zCsicMWpAA|tGzv3JOkF0XG5Qx2TlKWIA|45ghiukldjahdnhzdauz|ad180jjd733klru7|hh5s93j4hdidpola|nnch734d00sl2jdk)$'] },
  generic('generic-api-key', 'API key assigned a literal', ['api_key', 'apikey', 'api-key', 'access_key', 'accesskey'], 'api_key|apikey|api-key|access_key|accesskey', 3.2, 'api_key', 'api_kez'),
  generic('generic-key', 'Signing, encryption or other key assigned a literal', KEY_PREFIXES.flatMap((p) => [`${p}_key`, `${p}key`, `${p}-key`]), `(?:${KEY_PREFIXES.join('|')})[_-]?key`, 3.2, 'signing_key', 'signing_kez'),
  phpDefine,
  cDefine,
  dockerfileEnv,
  placeholderDefault,
  nameValue,
];
