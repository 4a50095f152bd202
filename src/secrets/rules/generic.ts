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
    pattern: `(?:${names})${ASSIGN}([^\\s"'\`&]{${minLen},200})`,
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
  generic('generic-password', 'Password assigned a literal', ['pass', 'pwd'], 'password|passwd|passphrase|pwd|(?<![a-z])pass(?![a-z])', 2.5, 'password', 'passport_no'),
  generic('generic-secret', 'Secret assigned a literal', ['secret'], 'secret', 3.2, 'client_secret', 'client_secrt'),
  generic('generic-token', 'Token assigned a literal', ['token'], 'token', 3.2, 'auth_token', 'auth_tokn'),
  generic('generic-api-key', 'API key assigned a literal', ['api_key', 'apikey', 'api-key', 'access_key', 'accesskey'], 'api_key|apikey|api-key|access_key|accesskey', 3.2, 'api_key', 'api_kez'),
];
