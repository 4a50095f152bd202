/** AI and model providers. */
import type { RuleSpec } from '../types.js';
import { B62, B64URL, HEX, LETTERS, LOWER_NUM, UPPER_NUM, j, rnd } from '../kit.js';
import { named, tok } from './helpers.js';

const URLCLS = '\\w-';
// OpenAI keys carry the base64 of "OpenAI" in the middle; build it at run time.
const OAI = Buffer.from('OpenAI').toString('base64');

function openai(id: string, description: string, kind: string): RuleSpec {
  const prefix = `sk-${kind}-`;
  return {
    id,
    description,
    keywords: [prefix],
    pattern: `sk-${kind}-[\\w-]{20,200}T3BlbkFJ[\\w-]{20,200}(?![\\w-])`,
    samples: () => ({
      positive: [{ secret: j(prefix, rnd(B64URL, 74, `${id}1`).replace(/^-/, 'a'), OAI, rnd(B64URL, 74, `${id}1b`).replace(/-$/, 'a')) }, { secret: j(prefix, rnd(B62, 20, `${id}2`), OAI, rnd(B62, 20, `${id}2b`)) }],
      negative: {
        placeholder: `${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
        length: j(prefix, rnd(B62, 10, `${id}3`), OAI, rnd(B62, 10, `${id}3b`)),
        prefix: j(`sk-${kind.slice(0, -1)}x-`, rnd(B62, 40, `${id}4`), OAI, rnd(B62, 40, `${id}4b`)),
        other: [j(prefix, rnd(B62, 80, `${id}5`))],
      },
    }),
  };
}

export const aiRules: RuleSpec[] = [
  openai('openai-project-key', 'OpenAI project API key', 'proj'),
  openai('openai-service-account-key', 'OpenAI service account key', 'svcacct'),
  openai('openai-admin-key', 'OpenAI admin key', 'admin'),
  {
    id: 'openai-legacy-key',
    description: 'OpenAI user API key (legacy format)',
    keywords: ['sk-'],
    pattern: 'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9])',
    samples: () => ({
      positive: [{ secret: j('sk-', rnd(B62, 20, 'oal1'), OAI, rnd(B62, 20, 'oal1b')) }, { secret: j('sk-', rnd(B62, 20, 'oal2'), OAI, rnd(B62, 20, 'oal2b')) }],
      negative: { placeholder: 'sk-' + 'x'.repeat(48), length: j('sk-', rnd(B62, 12, 'oal3'), OAI, rnd(B62, 20, 'oal3b')), prefix: j('sx-', rnd(B62, 20, 'oal4'), OAI, rnd(B62, 20, 'oal4b')) },
    }),
  },
  tok('anthropic-api-key', 'Anthropic API key', 'sk-ant-api03-', URLCLS, B64URL, 93, { tail: 'AA', tailSample: () => 'AA', pattern: 'sk-ant-api03-[\\w-]{93}AA(?![\\w-])' }),
  tok('anthropic-admin-key', 'Anthropic admin API key', 'sk-ant-admin01-', URLCLS, B64URL, 93, { pattern: 'sk-ant-admin01-[\\w-]{93}AA(?![\\w-])', tailSample: () => 'AA' }),
  tok('anthropic-oauth-token', 'Anthropic OAuth token (Claude Code / console sessions)', 'sk-ant-oat01-', URLCLS, B64URL, 93, { pattern: 'sk-ant-o(?:at|rt)01-[\\w-]{93}AA(?![\\w-])', keywords: ['sk-ant-oat01-', 'sk-ant-ort01-'], tailSample: () => 'AA' }),
  tok('huggingface-token', 'Hugging Face access token', 'hf_', 'A-Za-z0-9', LETTERS, 34),
  tok('huggingface-org-token', 'Hugging Face organization API token', 'api_org_', 'A-Za-z0-9', LETTERS, 34),
  tok('groq-api-key', 'Groq API key', 'gsk_', 'A-Za-z0-9', B62, 52),
  tok('xai-api-key', 'xAI (Grok) API key', 'xai-', 'A-Za-z0-9', B62, 80),
  tok('perplexity-api-key', 'Perplexity API key', 'pplx-', 'A-Za-z0-9', B62, 48),
  tok('openrouter-api-key', 'OpenRouter API key', 'sk-or-v1-', 'a-f0-9', HEX, 64),
  tok('replicate-api-token', 'Replicate API token', 'r8_', 'A-Za-z0-9', B62, 37),
  {
    id: 'langsmith-api-key',
    description: 'LangSmith API key / personal access token',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: j('lsv2_pt_', rnd(HEX, 32, 'ls1'), '_', rnd(HEX, 10, 'ls1b')) }, { secret: j('lsv2_sk_', rnd(HEX, 32, 'ls2'), '_', rnd(HEX, 10, 'ls2b')) }],
      negative: { placeholder: 'lsv2_pt_' + 'x'.repeat(32) + '_xxxxxxxxxx', length: j('lsv2_pt_', rnd(HEX, 20, 'ls3'), '_', rnd(HEX, 10, 'ls3b')), prefix: j('lsv2_px_', rnd(HEX, 32, 'ls4'), '_', rnd(HEX, 10, 'ls4b')) },
    }),
  },
  tok('nvidia-api-key', 'NVIDIA API key (build.nvidia.com / NGC)', 'nvapi-', URLCLS, B64URL, 64),
  tok('tavily-api-key', 'Tavily API key', 'tvly-', 'A-Za-z0-9', B62, 32, { pattern: 'tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}(?![A-Za-z0-9])', keywords: ['tvly-'] }),
  tok('firecrawl-api-key', 'Firecrawl API key', 'fc-', 'a-f0-9', HEX, 32),
  tok('e2b-api-key', 'E2B API key', 'e2b_', 'a-f0-9', HEX, 40),
  tok('cerebras-api-key', 'Cerebras API key', 'csk-', 'a-z0-9', LOWER_NUM, 48),
  tok('pinecone-api-key', 'Pinecone API key', 'pcsk_', 'A-Za-z0-9', B62, 5, { tail: '_[A-Za-z0-9]{60,70}', tailSample: (s) => '_' + rnd(B62, 64, `pc${s}`), pattern: 'pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{60,70}(?![A-Za-z0-9])' }),
  tok('langfuse-secret-key', 'Langfuse secret key', 'sk-lf-', 'a-f0-9-', HEX, 36, {
    pattern: 'sk-lf-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![a-f0-9])',
    pos: () => [1, 2].map((s) => ({ secret: 'sk-lf-' + uuid(`lf${s}`) })),
    neg: () => ({ length: 'sk-lf-' + uuid('lf3').slice(0, 20), prefix: 'pk-lf-' + uuid('lf4') }),
  }),
  tok('fireworks-api-key', 'Fireworks AI API key', 'fw_', 'A-Za-z0-9', B62, 24),
  tok('elevenlabs-api-key', 'ElevenLabs API key', 'sk_', 'a-f0-9', HEX, 48),
  tok('runpod-api-key', 'RunPod API key', 'rpa_', 'A-Z0-9', UPPER_NUM, 40),
  tok('deepseek-api-key', 'DeepSeek API key (in DEEPSEEK_API_KEY)', 'deepseek', '', '', 0, {
    keywords: ['deepseek'],
    pattern: 'deepseek[\\w.-]{0,20}["\']?\\s{0,3}[=:]\\s{0,3}["\']?(sk-[a-f0-9]{32})(?![a-f0-9])',
    ignoreCase: true,
    pos: () => [
      { secret: 'sk-' + rnd(HEX, 32, 'ds1'), name: 'DEEPSEEK_API_KEY' },
      { secret: 'sk-' + rnd(HEX, 32, 'ds2'), name: 'deepseek_key' },
    ],
    neg: () => ({ placeholder: 'DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', length: `DEEPSEEK_API_KEY=sk-${rnd(HEX, 20, 'ds3')}`, prefix: `DEEPSEEK_API_KEY=sx-${rnd(HEX, 32, 'ds4')}` }),
  }),
  named(
    'mistral-api-key',
    'Mistral AI API key',
    ['mistral'],
    'mistral',
    '[A-Za-z0-9]{32}(?![A-Za-z0-9])',
    { name: 'MISTRAL_API_KEY', gen: (s) => rnd(B62, 32, `mis${s}`), short: rnd(B62, 20, 'mis9'), nearName: 'MISTRL_API_KEY' },
    { entropy: 3.5 },
  ),
  named(
    'cohere-api-key',
    'Cohere API key',
    ['cohere', 'co_api_key'],
    'cohere|co_api_key',
    '[A-Za-z0-9]{40}(?![A-Za-z0-9])',
    { name: 'COHERE_API_KEY', gen: (s) => rnd(B62, 40, `coh${s}`), short: rnd(B62, 20, 'coh9'), nearName: 'COHER_API_KEY' },
    { entropy: 3.5 },
  ),
  named(
    'together-api-key',
    'Together AI API key',
    ['together_api_key', 'together_key'],
    'together_(?:api_)?key',
    '(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}(?![A-Za-z0-9_-])',
    { name: 'TOGETHER_API_KEY', gen: (s) => rnd(HEX, 64, `tog${s}`), short: rnd(HEX, 20, 'tog9'), nearName: 'TOGETHER_APIKEY_X' },
    { entropy: 3.5 },
  ),
];

function uuid(seed: string): string {
  const h = rnd(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
