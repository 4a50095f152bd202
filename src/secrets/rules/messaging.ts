/** Chat, messaging, email and notification services. */
import type { RuleSpec } from '../types.js';
import { B62, B64URL, DIGITS, HEX, UPPER_NUM, j, rnd } from '../kit.js';
import { named, tok } from './helpers.js';

const n = (len: number, seed: string) => String(1 + (Number(rnd(DIGITS, 3, seed)) % 9)) + rnd(DIGITS, len - 1, seed + 'd');

export const messagingRules: RuleSpec[] = [
  {
    id: 'slack-bot-token',
    description: 'Slack bot token',
    keywords: ['xoxb-'],
    pattern: 'xoxb-\\d{10,13}-\\d{10,13}-[A-Za-z0-9]{24}(?![A-Za-z0-9])',
    samples: () => ({
      positive: [{ secret: j('xoxb-', n(12, 'sb1'), '-', n(13, 'sb1b'), '-', rnd(B62, 24, 'sb1c')) }, { secret: j('xoxb-', n(10, 'sb2'), '-', n(11, 'sb2b'), '-', rnd(B62, 24, 'sb2c')) }],
      negative: { placeholder: 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx', length: j('xoxb-', n(12, 'sb3'), '-', n(13, 'sb3b'), '-', rnd(B62, 12, 'sb3c')), prefix: j('xoxz-', n(12, 'sb4'), '-', n(13, 'sb4b'), '-', rnd(B62, 24, 'sb4c')) },
    }),
  },
  {
    id: 'slack-user-token',
    description: 'Slack user token',
    keywords: ['xoxp-'],
    pattern: 'xoxp-\\d{10,13}-\\d{10,13}-\\d{10,13}-[a-f0-9]{32}(?![a-f0-9])',
    samples: () => ({
      positive: [{ secret: j('xoxp-', n(12, 'su1'), '-', n(12, 'su1b'), '-', n(13, 'su1c'), '-', rnd(HEX, 32, 'su1d')) }, { secret: j('xoxp-', n(10, 'su2'), '-', n(11, 'su2b'), '-', n(12, 'su2c'), '-', rnd(HEX, 32, 'su2d')) }],
      negative: { placeholder: 'xoxp-xxxx-xxxx-xxxx-' + 'x'.repeat(32), length: j('xoxp-', n(12, 'su3'), '-', n(12, 'su3b'), '-', n(13, 'su3c'), '-', rnd(HEX, 20, 'su3d')), prefix: j('xoxq-', n(12, 'su4'), '-', n(12, 'su4b'), '-', n(13, 'su4c'), '-', rnd(HEX, 32, 'su4d')) },
    }),
  },
  {
    id: 'slack-legacy-token',
    description: 'Slack legacy / workspace token (xoxa, xoxr, xoxs, xoxo)',
    keywords: ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'],
    pattern: 'xox[aros]-(?:\\d-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{8,64}){1,4}(?![0-9A-Za-z-])',
    samples: () => ({
      positive: [{ secret: j('xoxa-2-', n(12, 'sl1'), '-', n(12, 'sl1b'), '-', rnd(HEX, 32, 'sl1c')) }, { secret: j('xoxr-', n(11, 'sl2'), '-', rnd(B62, 40, 'sl2b')) }],
      negative: { placeholder: 'xoxa-xxxxxxxxxx-xxxxxxxxxx', length: 'xoxa-123-45', prefix: j('xoxy-', n(11, 'sl4'), '-', rnd(B62, 40, 'sl4b')) },
    }),
  },
  tok('slack-app-token', 'Slack app-level token', 'xapp-', '', '', 0, {
    pattern: 'xapp-\\d-[A-Z0-9]{9,12}-\\d{10,13}-[a-f0-9]{64}(?![a-f0-9])',
    pos: () => [1, 2].map((s) => ({ secret: j('xapp-1-A', rnd(UPPER_NUM, 10, `sa${s}`), '-', n(13, `sa${s}b`), '-', rnd(HEX, 64, `sa${s}c`)) })),
    neg: () => ({ placeholder: 'xapp-1-AXXXXXXXXXX-1234567890123-' + 'x'.repeat(64), length: j('xapp-1-A', rnd(UPPER_NUM, 10, 'sa3'), '-', n(13, 'sa3b'), '-', rnd(HEX, 30, 'sa3c')), prefix: j('xapq-1-A', rnd(UPPER_NUM, 10, 'sa4'), '-', n(13, 'sa4b'), '-', rnd(HEX, 64, 'sa4c')) }),
  }),
  tok('slack-config-token', 'Slack configuration access token', 'xoxe.xox', '', '', 0, {
    pattern: 'xoxe\\.xox[bp]-\\d-[A-Z0-9]{150,180}(?![A-Z0-9])',
    pos: () => [1, 2].map((s) => ({ secret: j('xoxe.xoxp-1-', rnd(UPPER_NUM, 163, `sc${s}`)) })),
    neg: () => ({ placeholder: 'xoxe.xoxp-1-' + 'X'.repeat(163), length: j('xoxe.xoxp-1-', rnd(UPPER_NUM, 40, 'sc3')), prefix: j('xoxe.xoxq-1-', rnd(UPPER_NUM, 163, 'sc4')) }),
  }),
  tok('slack-config-refresh-token', 'Slack configuration refresh token', 'xoxe-', '', '', 0, {
    pattern: 'xoxe-\\d-[A-Z0-9]{140,155}(?![A-Z0-9])',
    pos: () => [1, 2].map((s) => ({ secret: j('xoxe-1-', rnd(UPPER_NUM, 146, `scr${s}`)) })),
    neg: () => ({ placeholder: 'xoxe-1-' + 'X'.repeat(146), length: j('xoxe-1-', rnd(UPPER_NUM, 40, 'scr3')), prefix: j('xoxf-1-', rnd(UPPER_NUM, 146, 'scr4')) }),
  }),
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook / workflow URL',
    keywords: ['hooks.slack.com/'],
    pattern: 'hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/([AB][A-Z0-9]{8,12}/[A-Za-z0-9]{23,24})(?![A-Za-z0-9])',
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j('B', rnd(UPPER_NUM, 10, `sw${s}`), '/', rnd(B62, 24, `sw${s}b`));
        return { secret, text: `SLACK_WEBHOOK=https://hooks.slack.com/services/T${rnd(UPPER_NUM, 10, `sw${s}t`)}/${secret}` };
      }),
      negative: { placeholder: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', length: `https://hooks.slack.com/services/T${rnd(UPPER_NUM, 10, 'sw3')}/B${rnd(UPPER_NUM, 10, 'sw3b')}/${rnd(B62, 10, 'sw3c')}`, prefix: `https://hooks.slack.com/servicez/T${rnd(UPPER_NUM, 10, 'sw4')}/B${rnd(UPPER_NUM, 10, 'sw4b')}/${rnd(B62, 24, 'sw4c')}` },
    }),
  },
  {
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: 'discord(?:app)?\\.com/api/webhooks/\\d{17,20}/([\\w-]{60,68})(?![\\w-])',
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = rnd(B64URL, 68, `dw${s}`);
        return { secret, text: `url = "https://discord.com/api/webhooks/${n(19, `dw${s}i`)}/${secret}"` };
      }),
      negative: { placeholder: 'https://discord.com/api/webhooks/{id}/{token}', length: `https://discord.com/api/webhooks/${n(19, 'dw3')}/${rnd(B64URL, 20, 'dw3b')}`, prefix: `https://discord.com/api/webhook/${n(19, 'dw4')}/${rnd(B64URL, 68, 'dw4b')}` },
    }),
  },
  named(
    'discord-bot-token',
    'Discord bot token',
    ['discord'],
    'discord',
    '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])',
    {
      name: 'DISCORD_BOT_TOKEN',
      gen: (s) => j('M', rnd(B64URL, 25, `db${s}`), '.', rnd(B64URL, 6, `db${s}b`), '.', rnd(B64URL, 38, `db${s}c`)),
      short: j('M', rnd(B64URL, 25, 'db9'), '.', rnd(B64URL, 6, 'db9b'), '.', rnd(B64URL, 10, 'db9c')),
      nearName: 'DISCO_BOT_TOKEN',
    },
  ),
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    keywords: ['telegram', 'api.telegram.org/bot'],
    pattern: '(?:api\\.telegram\\.org/bot|telegram[\\w.-]{0,30}["\'`]?\\s{0,3}(?:=|:|:=|=>)\\s{0,3}["\'`]?)(\\d{8,10}:AA[\\w-]{33})(?![\\w-])',
    ignoreCase: true,
    samples: () => ({
      positive: [
        { secret: j(n(10, 'tg1'), ':AA', rnd(B64URL, 33, 'tg1b')), name: 'TELEGRAM_BOT_TOKEN' },
        { secret: j(n(9, 'tg2'), ':AA', rnd(B64URL, 33, 'tg2b')), text: `curl https://api.telegram.org/bot${j(n(9, 'tg2'), ':AA', rnd(B64URL, 33, 'tg2b'))}/getMe` },
      ],
      negative: { placeholder: 'TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', length: `TELEGRAM_BOT_TOKEN=${n(9, 'tg3')}:AA${rnd(B64URL, 20, 'tg3b')}`, prefix: `TELEGRAM_BOT_TOKEN=${n(9, 'tg4')}:BB${rnd(B64URL, 33, 'tg4b')}` },
    }),
  },
  {
    id: 'telegram-bot-token-literal',
    description: 'Telegram bot token as a bare literal (TeleBot("..."), new Telegraf(...))',
    // Found at its ":AA"; the 8-10 digit bot id before it starts after a non-word character.
    keywords: [':aa'],
    back: 10,
    boundary: false,
    pattern: '(?:(?<![\\w])|[^\\w]|[\\s\\S][^\\w])(\\d{8,10}:AA[\\w-]{33})(?![\\w-])',
    samples: () => ({
      positive: [
        { secret: j(n(10, 'tgl1'), ':AA', rnd(B64URL, 33, 'tgl1b')), text: `bot = telebot.TeleBot("${j(n(10, 'tgl1'), ':AA', rnd(B64URL, 33, 'tgl1b'))}")` },
        { secret: j(n(9, 'tgl2'), ':AA', rnd(B64URL, 33, 'tgl2b')), text: `const bot = new Telegraf('${j(n(9, 'tgl2'), ':AA', rnd(B64URL, 33, 'tgl2b'))}');` },
        { secret: j(n(8, 'tgl3'), ':AA', rnd(B64URL, 33, 'tgl3b')), text: `bot, err := tgbotapi.NewBotAPI("${j(n(8, 'tgl3'), ':AA', rnd(B64URL, 33, 'tgl3b'))}")` },
      ],
      negative: {
        placeholder: 'bot = telebot.TeleBot("123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")',
        length: `bot = telebot.TeleBot("${n(9, 'tgl4')}:AA${rnd(B64URL, 20, 'tgl4b')}")`,
        prefix: `bot = telebot.TeleBot("${n(9, 'tgl5')}:AB${rnd(B64URL, 33, 'tgl5b')}")`,
        other: [`id = "x${n(9, 'tgl6')}:AA${rnd(B64URL, 33, 'tgl6b')}"`, 'starts at 10:AA and ends at 11:BB'],
      },
    }),
  },
  {
    id: 'teams-webhook-url',
    description: 'Microsoft Teams incoming webhook URL',
    keywords: ['webhook.office.com/webhookb2/'],
    pattern: 'webhook\\.office\\.com/webhookb2/([\\w-]{36}@[\\w-]{36}/IncomingWebhook/[a-f0-9]{32}/[\\w-]{36})',
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j(uuid(`tw${s}`), '@', uuid(`tw${s}b`), '/IncomingWebhook/', rnd(HEX, 32, `tw${s}c`), '/', uuid(`tw${s}d`));
        return { secret, text: `TEAMS_HOOK=https://acme.webhook.office.com/webhookb2/${secret}` };
      }),
      negative: { placeholder: 'https://acme.webhook.office.com/webhookb2/<id>@<tenant>/IncomingWebhook/<key>/<owner>', length: `https://acme.webhook.office.com/webhookb2/${uuid('tw3')}@${uuid('tw3b')}/IncomingWebhook/${rnd(HEX, 12, 'tw3c')}/${uuid('tw3d')}`, prefix: `https://acme.webhook.office.com/webhookb3/${uuid('tw4')}@${uuid('tw4b')}/IncomingWebhook/${rnd(HEX, 32, 'tw4c')}/${uuid('tw4d')}` },
    }),
  },
  named(
    'twilio-auth-token',
    'Twilio auth token / API key secret',
    ['twilio'],
    'twilio',
    '[a-f0-9]{32}(?![a-f0-9])',
    { name: 'TWILIO_AUTH_TOKEN', gen: (s) => rnd(HEX, 32, `tw${s}`), short: rnd(HEX, 20, 'tw9'), nearName: 'TWILLO_AUTH_TOKEN' },
    { entropy: 3 },
  ),
  tok('twilio-api-key', 'Twilio API key SID with its secret nearby', 'twilio', '', '', 0, {
    keywords: ['twilio'],
    pattern: 'twilio[\\w.-]{0,30}["\'`]?\\s{0,3}(?:=|:)\\s{0,3}["\'`]?(SK[a-f0-9]{32})(?![a-f0-9])',
    ignoreCase: true,
    pos: () => [1, 2].map((s) => ({ secret: 'SK' + rnd(HEX, 32, `tk${s}`), name: 'TWILIO_API_KEY' })),
    neg: () => ({ placeholder: 'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', length: `TWILIO_API_KEY=SK${rnd(HEX, 20, 'tk3')}`, prefix: `TWILIO_API_KEY=SX${rnd(HEX, 32, 'tk4')}` }),
  }),
  tok('sendgrid-api-key', 'SendGrid API key', 'SG.', '\\w-', B64URL, 22, { tail: '\\.[\\w-]{43}', tailSample: (s) => '.' + rnd(B64URL, 43, `sg${s}`), pattern: 'SG\\.[\\w-]{22}\\.[\\w-]{43}(?![\\w-])' }),
  tok('mailgun-api-key', 'Mailgun API key', 'key-', 'a-f0-9', HEX, 32),
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    keywords: ['-us'],
    back: 32,
    pattern: '[a-f0-9]{32}-us\\d{1,2}(?![\\w-])',
    samples: () => ({
      positive: [{ secret: rnd(HEX, 32, 'mc1') + '-us14' }, { secret: rnd(HEX, 32, 'mc2') + '-us2' }],
      negative: { placeholder: 'x'.repeat(32) + '-us1', length: rnd(HEX, 20, 'mc3') + '-us1', prefix: rnd(HEX, 32, 'mc4') + '-eu1' },
    }),
  },
  tok('brevo-api-key', 'Brevo (Sendinblue) API key', 'xkeysib-', 'a-f0-9', HEX, 64, { tail: '-[A-Za-z0-9]{16}', tailSample: (s) => '-' + rnd(B62, 16, `br${s}`), pattern: 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9])' }),
  tok('brevo-smtp-key', 'Brevo (Sendinblue) SMTP key', 'xsmtpsib-', 'a-f0-9', HEX, 64, { tailSample: (s) => '-' + rnd(B62, 16, `bs${s}`), pattern: 'xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9])' }),
  tok('resend-api-key', 'Resend API key', 're_', 'A-Za-z0-9', B62, 8, { tailSample: (s) => '_' + rnd(B62, 24, `rs${s}`), pattern: 're_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}(?![A-Za-z0-9])' }),
  tok('mailersend-api-key', 'MailerSend API token', 'mlsn.', 'a-f0-9', HEX, 64),
  named(
    'postmark-server-token',
    'Postmark server / account token',
    ['postmark'],
    'postmark',
    '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![a-f0-9])',
    { name: 'POSTMARK_SERVER_TOKEN', gen: (s) => uuid(`pm${s}`), short: uuid('pm9').slice(0, 20), nearName: 'POSTMAN_SERVER_TOKEN' },
  ),
  tok('twilio-client-credentials', 'Twilio auth token passed with its account SID to the client constructor', 'twilio', '', '', 0, {
    keywords: ['twilio(', 'client("ac', "client('ac", 'twilioclient.init('],
    // twilio('AC…', '<token>') in Node, Client("AC…", "<token>") in Python, TwilioClient.Init(…) in C#.
    pattern: '(?:[Tt]wilio|Client|TwilioClient\\.Init)\\(\\s{0,3}["\']AC[a-f0-9]{32}["\']\\s{0,3},\\s{0,3}["\']([a-f0-9]{32})["\']',
    boundary: false,
    pos: () => [1, 2].map((s) => {
      const secret = rnd(HEX, 32, `tcc${s}`);
      const sid = 'AC' + rnd(HEX, 32, `tcc${s}s`);
      return { secret, text: s === 1 ? `const client = twilio('${sid}', '${secret}');` : `client = Client("${sid}", "${secret}")` };
    }),
    neg: () => ({ placeholder: `const client = twilio('AC${'x'.repeat(32)}', '${'x'.repeat(32)}');`, length: `const client = twilio('AC${rnd(HEX, 32, 'tcc3')}', '${rnd(HEX, 20, 'tcc3b')}');`, prefix: `const client = twilio('AB${rnd(HEX, 32, 'tcc4')}', '${rnd(HEX, 32, 'tcc4b')}');`, other: ['const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);'] }),
  }),
];

function uuid(seed: string): string {
  const h = rnd(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
