/**
 * Generic credential assignments: a variable named like a password, secret, token or API key,
 * assigned a literal that is not a reference (`${VAR}`, `process.env.X`, `os.getenv(...)`) and not a
 * placeholder. Lower precision than provider rules: dropped where a provider rule found the secret.
 */
import type { RuleSpec } from '../types.js';
import { B62, B64, DIGITS, j, rnd } from '../kit.js';
import { ASSIGN } from './helpers.js';

const STOP = new Set(
  'password passwords passwd secret secrets token tokens apikey api_key required optional string boolean undefined null none true false hidden changeme placeholder redacted masked sensitive example default disabled enabled'.split(' '),
);

/** Literal check shared by generic rules; `match` is the whole match (to see whether the value was quoted). */
function literal(minEntropyLen: number, needsMix: boolean) {
  return (secret: string, around: { before: string; after: string }): boolean => {
    const quoted = /["'`]$/.test(around.before);
    // A quoted value that goes on after a space is prose ("pass": "Automatic discovery is ..."),
    // not a credential: the capture stopped at the first word of a sentence.
    if (quoted && /^[ \t]+[^\s"'`]/.test(around.after)) return false;
    const low = secret.toLowerCase();
    if (STOP.has(low.replace(/[,;]$/, ''))) return false;
    if (secret.length < minEntropyLen) return false;
    // Code, not a value: minified bundles (`token:!1,x:y`, `e.token=25);`, `token===3`).
    if (/^[=!+]/.test(secret) || /[(){};]|\|\||&&|==|=>/.test(secret)) return false;
    if (!quoted && secret.includes(',')) return false;
    if (!quoted) {
      // Unquoted in code: a variable, a property access or a call, not a literal.
      if (/[([{]/.test(secret)) return false;
      const head = secret.split(/[,;:})\]]/)[0]!;
      if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(head)) return false; // a.b.c
      if (/^[A-Za-z_$][\w$]*$/.test(head) && (!/\d/.test(head) || head !== secret)) return false; // identifier
    }
    if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(secret) || /^[a-z][\w+.-]*:\/\//i.test(secret)) return false; // paths, URLs
    const parts = secret.split(/[._\-/:]/);
    if (parts.length >= 3 && parts.filter((x) => /^[A-Za-z]{3,}$/.test(x)).length * 2 >= parts.length) return false; // dotted/snake words
    if (/^[a-z]+(?:[_-][a-z]+)*$/.test(secret)) return false; // words: snake/kebab identifiers
    if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(secret) && !needsMix) return true;
    if (needsMix && !(/\d/.test(secret) && /[A-Za-z]/.test(secret))) return false;
    if (/^\d+$/.test(secret)) return false;
    return true;
  };
}

function generic(id: string, description: string, keywords: string[], names: string, minLen: number, entropy: number, needsMix: boolean, sampleName: string, nearName: string): RuleSpec {
  return {
    id,
    description,
    keywords,
    pattern: `(?:${names})${ASSIGN}([^\\s"'\`&]{${minLen},200})`,
    tailGroup: true,
    ignoreCase: true,
    generic: true,
    boundary: false,
    skipReferences: true,
    entropy,
    validate: literal(minLen, needsMix),
    samples: () => ({
      positive: [
        { secret: j(rnd(B62, minLen, `${id}1`), rnd(DIGITS, 2, `${id}1d`)), name: sampleName },
        { secret: j(rnd(B64, minLen + 8, `${id}2`), '7a'), name: `db_${sampleName}` },
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
        ],
      },
    }),
  };
}

export const genericRules: RuleSpec[] = [
  generic('generic-password', 'Password assigned a literal', ['pass', 'pwd'], 'password|passwd|passphrase|pwd|(?<![a-z])pass(?![a-z])', 8, 2.5, false, 'password', 'passport_no'),
  generic('generic-secret', 'Secret assigned a literal', ['secret'], 'secret', 16, 3.2, true, 'client_secret', 'client_secrt'),
  generic('generic-token', 'Token assigned a literal', ['token'], 'token', 16, 3.2, true, 'auth_token', 'auth_tokn'),
  generic('generic-api-key', 'API key assigned a literal', ['api_key', 'apikey', 'api-key', 'access_key', 'accesskey'], 'api_key|apikey|api-key|access_key|accesskey', 16, 3.2, true, 'api_key', 'api_kez'),
];
