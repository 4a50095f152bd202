/**
 * The rules' validation functions, by rule id: the only code a rule needs at scan time (everything
 * else about a rule is data, compiled into table.ts). The rule files take their `validate` from
 * here, and test/unit/secrets-docs.test.ts checks each rule carries exactly its entry.
 */
import type { Validator } from '../types.js';

const STOP = new Set(
  'password passwords passwd secret secrets token tokens apikey api_key required optional string boolean undefined null none true false hidden changeme placeholder redacted masked sensitive example default disabled enabled'.split(' '),
);

/** Password hashes (bcrypt, argon2, crypt(3) SHA-512/MD5, Django/passlib), not passwords: safe to commit. */
const HASHED = /^\$(?:2[abxy]?|argon2(?:id|i|d)|[1356]|apr1|y|gy|7|sha1|md5|pbkdf2(?:-sha\d{1,3})?|scrypt)\$|^(?:pbkdf2_sha\d{1,3}|bcrypt_sha256|bcrypt|argon2|scrypt)\$/;

/** Literal check shared by generic rules; `match` is the whole match (to see whether the value was quoted). */
function literal(minEntropyLen: number, needsMix: boolean): Validator {
  return (secret: string, around: { before: string; after: string }): boolean => {
    const quoted = /["'`]$/.test(around.before);
    // A quoted value that goes on after a space is prose ("pass": "Automatic discovery is ..."),
    // not a credential: the capture stopped at the first word of a sentence.
    if (quoted && /^[ \t]+[^\s"'`]/.test(around.after)) return false;
    const low = secret.toLowerCase();
    if (STOP.has(low.replace(/[,;]$/, ''))) return false;
    if (secret.length < minEntropyLen) return false;
    if (HASHED.test(secret)) return false;
    if (/^[a-z_]+(?::[\w,.]*)?(?:\|[a-z_]+(?::[\w,.]*)?)+$/.test(secret)) return false; // validation rules (required|string|min:12)
    // The name continues into metadata about the credential: API_KEY_HEADER=, encryption_key_id =,
    // token_url:, password_file: an id, a path, a name or a URL, not the secret itself.
    if (/(?:^|[_.-]|[a-z])(?:id|ids|arn|name|path|file|alias|version|uri|url|ref|header|length|len|size|type|ttl|timeout|expiry|field|format|time|date|count|hint)["'`\]]?[ \t]{0,20}(?::=|=>|[:=,])[ \t]{0,3}["'`]?$/i.test(around.before)) return false;
    if (/<\/?[a-z][a-z0-9]{0,10}>/i.test(secret)) return false; // markup (`sample</code>`), not a value
    // A quoted name followed by a comma (`os.Setenv("API_KEY", "...")`) is also how lists of names
    // look (`'HTTPPasswordMgr', 'HTTPPasswordMgrWithDefaultRealm'`): there the value needs a digit or a symbol.
    // A list of paths reads the same (`"kadmin/passwd", "kadmin/server"`).
    if (/["'`][ \t]{0,3},[ \t]{0,3}["'`]?$/.test(around.before) && /^[A-Za-z.:_/-]+$/.test(secret)) return false;
    // URL-encoded words (`oauth_token_secret=secret%3Dpassword`): the decoded text is words and separators.
    if (/%[0-9A-Fa-f]{2}/.test(secret)) {
      let d = secret;
      try {
        d = decodeURIComponent(secret);
      } catch {
        /* not valid percent-encoding: judge it as it is */
      }
      if (/^[a-z]+(?:[=&:;,. _-]+[a-z]+)+$/i.test(d)) return false;
    }
    if (/^Ag[A-D][A-Za-z0-9+/]{150}/.test(secret)) return false; // a SealedSecret's encrypted value
    // Code, not a value: minified bundles (`token:!1,x:y`, `e.token=25);`, `token===3`). A long quoted
    // token is a value whatever its punctuation (Django keys hold `(`, `)`, `&`, `=`).
    const longQuoted = quoted && secret.length >= 30 && /^[\x21-\x7e]+$/.test(secret);
    if (!longQuoted && (/^[=!+]/.test(secret) || /[(){};]|\|\||&&|==|=>/.test(secret))) return false;
    if (!quoted && secret.includes(',')) return false;
    if (!quoted) {
      // Unquoted in code: a variable, a property access or a call, not a literal.
      if (/[([{]/.test(secret)) return false;
      const head = secret.replace(/\?\./g, '.').split(/[,;:})\]]/)[0]!; // optional chaining a?.b is a.b
      // A YAML plain scalar (`password: Abc123.xyz`, also last in a flow mapping) or a .env value
      // (`DB_PASSWORD=Abc123.xyz`) ending its line is a literal even when dotted.
      // A Dockerfile `ENV A=1 \` continues its line with a backslash; a libpq keyword/value string
      // (\`host=db password=Abc123.xyz dbname=app\`) goes on with the next pair.
      const lineEnds = /^[ \t]*(?:#|\\?\r?\n|\\$|$|\})/.test(around.after) && /\d/.test(secret);
      const nextPair = /^[ \t]+[a-z_]{2,20}=/.test(around.after) && /\d/.test(secret) && /^password=$/i.test(around.before);
      const plain = nextPair || (lineEnds && (/^[\w.-]*:[ \t]+$/.test(around.before) || /^[A-Z0-9_]*=$/.test(around.before)));
      if (!plain && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(head)) return false; // a.b.c
      if (/^[A-Z][a-zA-Z]+-[A-Z][a-zA-Z]+$/.test(secret)) return false; // a PowerShell cmdlet (Read-Host)
      if (/^[*&][A-Za-z_][\w-]*$/.test(secret)) return false; // a YAML alias or anchor (*db_password)
      if (/^[A-Za-z_$][\w$]*$/.test(head) && (!/\d/.test(head) || head !== secret)) return false; // identifier
    }
    if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(secret) || /^[a-z][\w+.-]*:\/\//i.test(secret)) return false; // paths, URLs
    const parts = secret.split(/[._\-/:]/);
    // Dotted/snake words (`app.jwt.secret`, `my-secret-name`), unless one part is a long random run
    // (`django-insecure-<50 random characters>`).
    const randomPart = parts.some((x) => x.length >= 16 && !/^[A-Za-z]+$/.test(x));
    if (!randomPart && parts.length >= 3 && parts.filter((x) => /^[A-Za-z]{3,}$/.test(x)).length * 2 >= parts.length) return false;
    if (/^[a-z]+(?:[_-][a-z]+)*$/.test(secret)) return false; // words: snake/kebab identifiers
    if (/^[a-z]+(?:[_-][a-z]+)+$/i.test(secret)) return false; // header and constant names (X-Api-Key, API_KEY_HEADER)
    if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(secret)) return false; // a camelCase identifier ("challengePassword")
    if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(secret) && !needsMix) return true;
    if (needsMix && !(/\d/.test(secret) && /[A-Za-z]/.test(secret))) return false;
    if (/^\d+(?:\.\d+)*$/.test(secret)) return false; // numbers, versions ('1.302138') and timestamps
    if (/^-?anonymous@/i.test(secret)) return false; // the anonymous FTP convention
    // base64 of prose (`bm90IG15IHJlYWwgcGFzc3dvcmQ=` is "not my real password"): a documentation example.
    if (secret.length >= 16 && secret.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(secret) && /^[A-Za-z]+(?: [A-Za-z]+){2,}[.!]?$/.test(Buffer.from(secret, 'base64').toString('latin1'))) return false;
    return true;
  };
}

/** Minimum value length and whether a letter-digit mix is required, per generic rule (generic.ts builds the patterns from it). */
export const GENERIC = {
  'generic-password': { minLen: 8, needsMix: false },
  'generic-secret': { minLen: 16, needsMix: true },
  'generic-token': { minLen: 16, needsMix: true },
  'generic-api-key': { minLen: 16, needsMix: true },
  'generic-key': { minLen: 16, needsMix: true },
} as const;

// Private keys: the body must hold real key material, not a truncated example.
const bodyOk = (s: string) => (s.replace(/\\[rn]/g, '').match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 80;

// Documentation hosts and one-to-three-character passwords are examples, not credentials.
const connectionOk: Validator = (s, around) => s.length >= 4 && !/^@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid)(?![\w.-])/i.test(around.after);

const CONNECTION_RULES = [
  'postgres-connection-string',
  'mysql-connection-string',
  'mongodb-connection-string',
  'redis-connection-string',
  'amqp-connection-string',
  'mssql-connection-string',
  'ftp-credentials-url',
  'smtp-credentials-url',
  'ldap-credentials-url',
  'http-basic-auth-url',
];

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  ...Object.fromEntries(Object.entries(GENERIC).map(([id, g]) => [id, literal(g.minLen, g.needsMix)])),
  ...Object.fromEntries(CONNECTION_RULES.map((id) => [id, connectionOk])),
  'pem-private-key': bodyOk,
  'openssh-private-key': bodyOk,
  'pgp-private-key-block': bodyOk,
  jwt: (s: string): boolean => {
    try {
      const h = JSON.parse(Buffer.from(s.slice(0, s.indexOf('.')), 'base64url').toString('utf8')) as { alg?: string };
      return typeof h.alg === 'string' && h.alg.toLowerCase() !== 'none';
    } catch {
      return false;
    }
  },
  'docker-config-auth': (s: string): boolean => {
    const d = Buffer.from(s, 'base64').toString('utf8');
    return /^[\x21-\x7e]{1,200}:[\x20-\x7e]{4,300}$/.test(d);
  },
  'http-basic-auth-header': (s) => /^[^:\s]{1,200}:[\x20-\x7e]{4,300}$/.test(Buffer.from(s, 'base64').toString('utf8')),
  // base64 of a PEM private key (Kubernetes tls.key, kubeconfig client-key-data): decode and check the armour.
  'pem-private-key-base64': (s) => {
    const d = Buffer.from(s, 'base64').toString('latin1');
    return /^-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/.test(d) && bodyOk(d.slice(d.indexOf('-----', 11) + 5, d.indexOf('-----END')));
  },
  // base64 of a Docker config (Kubernetes .dockerconfigjson / .dockercfg) holding credentials.
  'docker-config-json-base64': (s) => /"(?:auth|password|identitytoken)"\s{0,3}:\s{0,3}"[^"]{4,}"/.test(Buffer.from(s, 'base64').toString('utf8')),
  // Prose ("put your unique phrase here") is a placeholder; otherwise the generic literal checks.
  'php-define-credential': (s, around) => !/^[A-Za-z]+(?: [A-Za-z]+)+$/.test(s) && literal(8, false)(s, around),
  'c-define-credential': (s, around) => !/^[A-Za-z]+(?: [A-Za-z]+)+$/.test(s) && literal(8, false)(s, around),
  // Anti-forgery tokens in saved HTML forms (authenticity_token, csrf_token) are per-session, not credentials.
  'placeholder-default-credential': literal(8, false),
  'name-value-credential': (s, around) => !/csrf|xsrf|authenticity/i.test(around.before) && literal(8, false)(s, around),
  'dockerfile-env-credential': literal(8, false),
  'jwt-literal-secret': literal(8, true),
  'positional-db-password': literal(8, false),
  'pgpass-password': (s) => s.length >= 4 && !/^\$\{?\w/.test(s),
  // machine example.com (and .org, .net) in documentation.
  'netrc-password': (_s, around) => !/^machine\s{1,5}(?:[\w-]+\.)*example\.(?:com|org|net)\s/i.test(around.before),
  'connection-string-password': (s) => !/^\{[\w.]{0,40}\}$/.test(s.trim()),
  'curl-user-credentials': (s) => !/^[^:]*:\$|:<|:\*+$|:pass(word)?$/i.test(s),
};
