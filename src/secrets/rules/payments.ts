/** Payments and commerce. */
import type { RuleSpec } from '../types.js';
import { B62, B64URL, HEX, LOWER_NUM, j, rnd } from '../kit.js';
import { tok } from './helpers.js';

const URLCLS = '\\w-';

export const paymentRules: RuleSpec[] = [
  tok('stripe-live-secret-key', 'Stripe live secret key', 'sk_live_', 'A-Za-z0-9', B62, [24, 247]),
  tok('stripe-test-secret-key', 'Stripe test-mode secret key', 'sk_test_', 'A-Za-z0-9', B62, [24, 247]),
  {
    id: 'stripe-restricted-key',
    description: 'Stripe restricted API key',
    keywords: ['rk_live_', 'rk_test_'],
    pattern: 'rk_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9])',
    samples: () => ({
      positive: [{ secret: 'rk_live_' + rnd(B62, 99, 'rk1') }, { secret: 'rk_test_' + rnd(B62, 24, 'rk2') }],
      negative: { placeholder: 'rk_live_' + 'x'.repeat(30), length: 'rk_live_' + rnd(B62, 10, 'rk3'), prefix: 'rk_prod_' + rnd(B62, 30, 'rk4') },
    }),
  },
  tok('stripe-webhook-secret', 'Stripe webhook signing secret', 'whsec_', 'A-Za-z0-9+/=', B62, [32, 64]),
  tok('square-access-token', 'Square access token', 'EAAA', URLCLS, B64URL, 60),
  tok('square-legacy-access-token', 'Square access token (sq0atp)', 'sq0atp-', URLCLS, B64URL, 22),
  tok('square-oauth-secret', 'Square OAuth application secret', 'sq0csp-', URLCLS, B64URL, 43),
  {
    id: 'braintree-access-token',
    description: 'PayPal Braintree access token',
    keywords: ['access_token$'],
    pattern: 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: j('access_token$production$', rnd(LOWER_NUM, 16, 'bt1'), '$', rnd(HEX, 32, 'bt1b')) }, { secret: j('access_token$sandbox$', rnd(LOWER_NUM, 16, 'bt2'), '$', rnd(HEX, 32, 'bt2b')) }],
      negative: { placeholder: 'access_token$production$xxxxxxxxxxxxxxxx$' + 'x'.repeat(32), length: j('access_token$production$', rnd(LOWER_NUM, 16, 'bt3'), '$', rnd(HEX, 12, 'bt3b')), prefix: j('access_token$staging$', rnd(LOWER_NUM, 16, 'bt4'), '$', rnd(HEX, 32, 'bt4b')) },
    }),
  },
  tok('razorpay-live-key', 'Razorpay live key id', 'rzp_live_', 'A-Za-z0-9', B62, 14),
  tok('flutterwave-secret-key', 'Flutterwave secret key', 'FLWSECK-', 'a-f0-9', HEX, 32, { tail: '-X', tailSample: () => '-X', pattern: 'FLWSECK(?:_TEST)?-[a-f0-9]{32}-X(?![A-Za-z0-9])' }),
  {
    id: 'plaid-access-token',
    description: 'Plaid access token',
    keywords: ['access-production-', 'access-development-', 'access-sandbox-'],
    pattern: 'access-(?:production|development|sandbox)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: 'access-production-' + uuid('pl1') }, { secret: 'access-sandbox-' + uuid('pl2') }],
      negative: { placeholder: 'access-production-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', length: 'access-production-' + uuid('pl3').slice(0, 18), prefix: 'access-staging-' + uuid('pl4') },
    }),
  },
  tok('shopify-access-token', 'Shopify Admin API access token', 'shpat_', 'a-fA-F0-9', HEX, 32),
  tok('shopify-custom-app-token', 'Shopify custom app access token', 'shpca_', 'a-fA-F0-9', HEX, 32),
  tok('shopify-private-app-token', 'Shopify private app access token', 'shppa_', 'a-fA-F0-9', HEX, 32),
  tok('shopify-shared-secret', 'Shopify app shared secret', 'shpss_', 'a-fA-F0-9', HEX, 32),
  tok('coinbase-cdp-key', 'Coinbase Developer Platform API key name', 'organizations/', '', '', 0, {
    keywords: ['organizations/'],
    pattern: 'organizations/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}/apiKeys/([a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})',
    pos: () => [1, 2].map((s) => ({ secret: uuid(`cb${s}`), text: `"name": "organizations/${uuid(`cbo${s}`)}/apiKeys/${uuid(`cb${s}`)}"` })),
    neg: () => ({ placeholder: 'organizations/{org_id}/apiKeys/{key_id}', length: `organizations/${uuid('cbo3')}/apiKeys/${uuid('cb3').slice(0, 20)}`, prefix: `organisations/${uuid('cbo4')}/apiKeys/${uuid('cb4')}` }),
  }),
  tok('mollie-api-key', 'Mollie live API key', 'live_', 'A-Za-z0-9', B62, 30, { keywords: ['live_'], entropy: 4, pattern: 'live_[A-Za-z0-9]{30}(?![A-Za-z0-9])' }),
];

function uuid(seed: string): string {
  const h = rnd(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
