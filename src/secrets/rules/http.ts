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
    // username:password, and RFC 6749's example client credentials (s6BhdRkqt3:gX1fBat3bV).
    allow: ['^dXNlcm5hbWU6cGFzc3dvcmQ', '^czZCaGRSa3F0MzpnWDFmQmF0M2JW$'],
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
    id: 'powershell-plaintext-securestring',
    description: 'PowerShell ConvertTo-SecureString of a literal password (-AsPlainText)',
    keywords: ['convertto-securestring'],
    pattern: 'ConvertTo-SecureString\\s{1,3}(?:-String\\s{1,3})?["\']([^"\'\\n]{4,200})["\']\\s{1,3}-AsPlainText',
    ignoreCase: true,
    skipReferences: true,
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j(rnd(B62, 12, `ps${s}`), s === 1 ? '!' : '#', rnd(B62, 4, `ps${s}b`));
        return { secret, text: s === 1 ? `$password = ConvertTo-SecureString "${secret}" -AsPlainText -Force` : `$cred = New-Object PSCredential('svc', (ConvertTo-SecureString -String '${secret}' -AsPlainText -Force))` };
      }),
      negative: {
        placeholder: '$pw = ConvertTo-SecureString "<password>" -AsPlainText -Force',
        length: '$pw = ConvertTo-SecureString "abc" -AsPlainText -Force',
        prefix: `$pw = ConvertTo-SecureStrin "${rnd(B62, 16, 'ps4')}" -AsPlainText -Force`,
        other: ['$pw = ConvertTo-SecureString $env:DEPLOY_PW -AsPlainText -Force', '$pw = ConvertTo-SecureString "$($cfg.Password)" -AsPlainText -Force', `$pw = ConvertTo-SecureString "01000000d08c9ddf0115d1118c7a00c04fc297eb${rnd('0123456789abcdef', 40, 'ps5')}"`],
      },
    }),
  },
  {
    id: 'cli-password-flag',
    description: 'Password on a command line: mysql -p<password>, sqlcmd -P, redis-cli -a, mongosh -p, docker/az login -p, sshpass -p',
    keywords: ['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'sshpass', 'sqlcmd', 'redis-cli', 'mongosh', 'mongodump', 'mongorestore', 'docker login', 'podman login', 'az login'],
    pattern: '(?:(?:(?:mysql|mysqldump|mysqladmin|mariadb)(?:[ \\t]{1,3}[^\\s]{1,100}){0,10}?[ \\t]{1,3}-p|(?:sqlcmd|redis-cli|mongosh|mongodump|mongorestore|docker login|podman login|az login)(?:[ \\t]{1,3}[^\\s]{1,100}){0,10}?[ \\t]{1,3}(?:-P|-a|-p|--password)[ \\t=]{1,3}|sshpass[ \\t]{1,3}-p[ \\t]{0,3})["\']?)([^\\s"\'${%-][^\\s"\']{3,100})',
    skipReferences: true,
    allow: ['^(?:pass(?:word)?|root|secret|changeme|test|example|mysql)$'],
    samples: () => ({
      positive: [1, 2, 3, 4, 5, 6, 7, 8].map((s) => {
        const secret = j(rnd(B62, 10, `cpf${s}`), s === 2 ? '_' : '!', rnd(B62, 5, `cpf${s}b`));
        const text = [
          `mysqldump -h db.internal -u backup -p${secret} --single-transaction shop > shop.sql`,
          `  - run: mysql -uroot -p'${secret}' -e "CREATE DATABASE test"`,
          `sshpass -p "${secret}" ssh -o StrictHostKeyChecking=no deploy@10.0.0.5`,
          `sqlcmd -S sql01 -U sa -P ${secret} -i restore.sql`,
          `redis-cli -h cache.internal -a '${secret}' --no-auth-warning ping`,
          `mongosh "mongodb://db.internal/app" -u app -p ${secret} --authenticationDatabase admin`,
          `docker login registry.acme.io -u ci --password ${secret}`,
          `az login --service-principal -u ${rnd('0123456789abcdef', 8, `cpf${s}u`)} -p ${secret} --tenant acme.onmicrosoft.com`,
        ][s - 1]!;
        return { secret, text };
      }),
      negative: {
        placeholder: 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" shop',
        length: 'mysql -u root -pab shop',
        prefix: `mysql -u root -P${rnd(B62, 12, 'cpf4')} shop`,
        other: ['mysql -u root -p shop < schema.sql', 'sshpass -f ~/.ssh/pass ssh host', 'mysql -h 127.0.0.1 -P 3306 -u app shop', 'import mysql.connector', 'sqlcmd -S sql01 -U sa -P %SA_PASSWORD% -i x.sql', 'redis-cli -a "$REDIS_PASSWORD" ping', 'mongosh -u app -p --authenticationDatabase admin', 'docker run -p 8080:80 nginx', 'echo "$T" | docker login -u ci --password-stdin', 'az login -u "$AZ_USER" -p "$AZ_PASS"'],
      },
    }),
  },
  {
    id: 'basic-auth-pair',
    description: 'A literal user/password pair in code (auth=("u", "pw"), HTTPBasicAuth, SetBasicAuth, .login, smtp.PlainAuth, getConnection)',
    keywords: ['auth=(', 'auth = (', 'basicauth(', 'credentials.basic(', '.login(', 'plainauth(', 'getconnection('],
    // Inside longer names: HTTPBasicAuth(, SetBasicAuth(, basic_auth=(.
    boundary: false,
    // The password is the string after a literal user: auth=(u, p), BasicAuth(u, p), .login(u, p),
    // smtp.PlainAuth(identity, u, p, host), DriverManager.getConnection(url, u, p).
    pattern: '(?:auth\\s{0,3}=\\s{0,3}\\(|BasicAuth\\(|Credentials\\.basic\\(|\\.login\\(|PlainAuth\\(\\s{0,20}"[^"\\n]{0,100}"\\s{0,3},|getConnection\\(\\s{0,20}[^,\\n]{1,200},)\\s{0,20}["\'][^"\'\\n]{1,100}["\']\\s{0,3},\\s{0,20}["\']([^"\'\\n]{4,200})["\']',
    ignoreCase: true,
    skipReferences: true,
    allow: ['^(?:pass(?:word)?|secret|changeme|test|admin|guest|x-oauth-basic|api_token)$'],
    samples: () => ({
      positive: [1, 2, 3, 4, 5, 6].map((s) => {
        const secret = j(rnd(B62, 12, `bap${s}`), s === 1 ? '!' : '#', rnd(B62, 3, `bap${s}b`));
        const text = [
          `resp = requests.get(url, auth=("svc-export", "${secret}"))`,
          `session.auth = HTTPBasicAuth('jira-bot', '${secret}')`,
          `\treq.SetBasicAuth("deploy", "${secret}")`,
          `    server.login("noreply@acme.io", "${secret}")`,
          `auth := smtp.PlainAuth("", "noreply@acme.io", "${secret}", "smtp.acme.io")`,
          `Connection c = DriverManager.getConnection(\n    "jdbc:postgresql://db:5432/app", "app", "${secret}");`,
        ][s - 1]!;
        return { secret, text };
      }),
      negative: {
        placeholder: 'requests.get(url, auth=("user", "<password>"))',
        length: 'requests.get(url, auth=("user", "ab"))',
        prefix: `requests.get(url, auht=("user", "${rnd(B62, 14, 'bap4')}"))`,
        other: ['requests.get(url, auth=(user, password))', 'req.SetBasicAuth(cfg.User, cfg.Password)', 'auth=("user", os.environ["PW"])', 'server.login(user, os.environ["SMTP_PASSWORD"])', 'smtp.PlainAuth("", user, password, host)', 'DriverManager.getConnection(url, user, password);'],
      },
    }),
  },
  {
    id: 'netrc-password',
    description: 'Password in a .netrc entry',
    keywords: ['machine '],
    pattern: 'machine\\s{1,5}[\\w.-]{1,100}\\s{1,5}login\\s{1,5}[^\\s]{1,100}\\s{1,5}password\\s{1,5}([^\\s\'"`]{4,200})',
    skipReferences: true,
    // A documentation host (machine example.com) or a placeholder word is an example, not a credential.
    allow: ['^(?:pass(?:word)?|secret|changeme|x+|\\*+)$'],
    validate: VALIDATORS['netrc-password'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = rnd(B62, 24, `nr${s}`);
        return { secret, text: s === 1 ? `machine api.heroku.com login me@corp.io password ${secret}` : `machine git.internal\n  login ci\n  password ${secret}\n` };
      }),
      negative: {
        placeholder: 'machine api.internal login me password $NETRC_PASSWORD',
        length: 'machine api.internal login me password ab',
        prefix: `machines api.internal login me password ${rnd(B62, 24, 'nr4')}`,
        other: ['machine build-box login username password password', `machine example.com\nlogin dana\npassword ${rnd(B62, 10, 'nr5')}\n`],
      },
    }),
  },
  {
    id: 'jwt-literal-secret',
    description: 'A literal signing secret passed to jwt.sign / jwt.verify (jsonwebtoken) or jwt.encode / jwt.decode (PyJWT)',
    keywords: ['jwt.sign(', 'jwt.verify(', 'jwt.encode(', 'jwt.decode('],
    // The secret is the second argument: a quoted literal after the payload (which may hold quotes and commas).
    pattern: 'jwt\\.(?:sign|verify|encode|decode)\\([^\\n]{1,200}?,\\s{0,3}["\'`]([^"\'`\\n]{8,200})["\'`]\\s{0,3}[,)]',
    skipReferences: true,
    entropy: 3,
    validate: VALIDATORS['jwt-literal-secret'],
    samples: () => ({
      positive: [1, 2, 3].map((s) => {
        const secret = rnd(B62, s === 1 ? 24 : 40, `jls${s}`);
        const text = [
          `const token = jwt.sign({ sub: user.id, scope: 'api' }, '${secret}', { expiresIn: '1h' });`,
          `    return jwt.encode({"sub": str(user.id)}, "${secret}", algorithm="HS256")`,
          `const claims = jwt.verify(req.cookies.session, \`${secret}\`);`,
        ][s - 1]!;
        return { secret, text };
      }),
      negative: {
        placeholder: "const token = jwt.sign(payload, 'your-jwt-secret', { expiresIn: '1h' });",
        length: "const token = jwt.sign(payload, 'k9x', { expiresIn: '1h' });",
        prefix: `const token = jwt.sing(payload, '${rnd(B62, 24, 'jls4')}');`,
        other: ["jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '1h' })", "jwt.sign({ roles: ['admin', 'superuser'] }, key)", "jwt.sign(p, privateKey, { algorithm: 'RS256' })", 'jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")', "jwt.decode(token, options={'verify_signature': False})"],
      },
    }),
  },
];
