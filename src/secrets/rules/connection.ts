/** Connection strings and URLs with embedded passwords. */
import type { RuleSpec } from '../types.js';
import { B62, j, rnd } from '../kit.js';
import { VALIDATORS } from './validators.js';

// Passwords that are defaults or placeholders in docs and compose files, not secrets.
const TRIVIAL = '^(?:pass(?:word)?|pwd|secret|changeme|admin|root|guest|test|example|postgres|mysql|mongo|redis|rabbitmq|user|dbpass|\\*+|x+|\\.+)$';

function conn(id: string, description: string, schemes: string[], schemeRe: string, host: string): RuleSpec {
  return {
    id,
    description,
    keywords: schemes.map((s) => `${s}://`),
    pattern: `${schemeRe}://[^\\s:@/'"\`<>{}]{0,100}:([^\\s@/'"\`<>]{1,200})@[\\w.\\[-]`,
    ignoreCase: true,
    skipReferences: true,
    allow: [TRIVIAL, '^\\$', '^%24', '^%7B'],
    validate: VALIDATORS[id],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const pw = j(rnd(B62, 12, `${id}${s}`), s === 1 ? '!x' : '', rnd(B62, 6, `${id}${s}b`));
        return { secret: pw, text: `${s === 1 ? 'DATABASE_URL=' : 'url: "'}${schemes[0]}://app_user:${pw}@${host}${s === 1 ? '' : '"'}` };
      }),
      negative: {
        placeholder: `${schemes[0]}://app_user:\${DB_PASSWORD}@${host}`,
        length: `${schemes[0]}://app_user:@${host}`,
        prefix: `${schemes[0]}s3cr://app_user:${rnd(B62, 16, `${id}4`)}@${host}`,
        other: [`${schemes[0]}://postgres:postgres@localhost/db`, `${schemes[0]}://user:<password>@${host}`],
      },
    }),
  };
}

export const connectionRules: RuleSpec[] = [
  conn('postgres-connection-string', 'PostgreSQL URL with a password', ['postgres', 'postgresql'], 'postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?', 'db.internal:5432/app'),
  conn('mysql-connection-string', 'MySQL / MariaDB URL with a password', ['mysql', 'mariadb', 'mysql+pymysql', 'mysql+mysqldb'], '(?:mysql|mariadb)(?:\\+[a-z0-9]{1,20})?', 'db.internal:3306/app'),
  conn('mongodb-connection-string', 'MongoDB URL with a password', ['mongodb', 'mongodb+srv'], 'mongodb(?:\\+srv)?', 'cluster0.abcde.mongodb.net/app'),
  conn('redis-connection-string', 'Redis URL with a password', ['redis', 'rediss'], 'rediss?', 'cache.internal:6379/0'),
  conn('amqp-connection-string', 'AMQP (RabbitMQ) URL with a password', ['amqp', 'amqps'], 'amqps?', 'mq.internal:5672/vhost'),
  conn('mssql-connection-string', 'SQL Server URL with a password', ['mssql', 'sqlserver'], '(?:mssql|sqlserver)(?:\\+[a-z0-9]{1,20})?', 'sql.internal:1433/app'),
  conn('ftp-credentials-url', 'FTP / SFTP URL with a password', ['ftp', 'sftp', 'ftps'], 's?ftps?', 'files.internal/upload'),
  conn('smtp-credentials-url', 'SMTP URL with a password', ['smtp', 'smtps'], 'smtps?', 'mail.internal:587'),
  conn('ldap-credentials-url', 'LDAP URL with a password', ['ldap', 'ldaps'], 'ldaps?', 'ldap.internal:636'),
  conn('http-basic-auth-url', 'HTTP(S) URL with user:password (also .git-credentials)', ['http', 'https'], 'https?', 'git.internal/org/repo.git'),
  {
    id: 'jdbc-password',
    description: 'JDBC URL with a password parameter',
    keywords: ['jdbc:'],
    pattern: 'jdbc:[a-z0-9]{2,20}:[^\\s\'"]{0,300}?[?;&]password=([^\\s&;\'"]{4,200})',
    ignoreCase: true,
    skipReferences: true,
    allow: [TRIVIAL],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const pw = rnd(B62, 16, `jd${s}`);
        return { secret: pw, text: s === 1 ? `spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${pw}` : `"jdbc:sqlserver://sql:1433;databaseName=app;user=sa;password=${pw};encrypt=true"` };
      }),
      negative: { placeholder: 'jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}', length: 'jdbc:postgresql://db:5432/app?user=app&password=ab', prefix: `jdbx:postgresql://db:5432/app?user=app&password=${rnd(B62, 16, 'jd4')}` },
    }),
  },
  {
    id: 'connection-string-password',
    description: 'Password in a semicolon-separated connection string (Npgsql Host=, ODBC, ADO.NET, JDBC sqlserver)',
    keywords: [';password=', ';pwd=', '; password=', '; pwd='],
    pattern: ';\\s{0,2}(?:Password|Pwd)\\s{0,2}=\\s{0,2}([^;\'"\\s]{4,200})',
    tailGroup: true,
    boundary: false,
    ignoreCase: true,
    skipReferences: true,
    allow: [TRIVIAL],
    validate: VALIDATORS['connection-string-password'],
    samples: () => ({
      positive: [1, 2, 3].map((s) => {
        const pw = j(rnd(B62, 10, `csp${s}`), s === 2 ? '!' : '#', rnd(B62, 5, `csp${s}b`));
        const text = [
          `"Postgres": "Host=db.internal;Port=5432;Database=events;Username=worker;Password=${pw};SSL Mode=Require"`,
          `<add name="Main" connectionString="Driver={ODBC Driver 18 for SQL Server};Uid=app; Pwd=${pw};" />`,
          `var cs = "Host=pg;Username=app;Password=${pw}";`,
        ][s - 1]!;
        return { secret: pw, text };
      }),
      negative: {
        placeholder: '"Host=db;Username=app;Password=<password>;"',
        length: '"Host=db;Username=app;Password=ab;"',
        prefix: `"Host=db;Username=app;Passwort=${rnd(B62, 14, 'csp4')};"`,
        other: ['"Host=db;Username=app;Password={0};"', '"Host=db;Username=app;Password=${DB_PASSWORD};"', '"Host=localhost;Username=postgres;Password=postgres"'],
      },
    }),
  },
  {
    id: 'redis-requirepass',
    description: 'Redis password in redis.conf or on a redis-server command line (requirepass / masterauth)',
    keywords: ['requirepass', 'masterauth'],
    pattern: '(?:requirepass|masterauth)[ \\t]{1,5}["\']?([^\\s"\']{8,200})',
    ignoreCase: true,
    skipReferences: true,
    entropy: 3,
    // foobared: the commented-out default in the stock redis.conf.
    allow: [TRIVIAL, '^foobared$'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const pw = rnd(B62, 24, `rq${s}`);
        return { secret: pw, text: s === 1 ? `bind 0.0.0.0\nrequirepass ${pw}\nmaxmemory 256mb` : `    command: redis-server --appendonly yes --requirepass "${pw}"` };
      }),
      negative: { placeholder: 'requirepass ${REDIS_PASSWORD}', length: 'requirepass abc', prefix: `requirepas ${rnd(B62, 24, 'rq4')}`, other: ['# requirepass foobared'] },
    }),
  },
  {
    id: 'go-mysql-dsn',
    description: 'Password in a Go MySQL DSN (user:password@tcp(host)/db) in sql.Open or a DSN setting',
    keywords: ['sql.open(', 'mysql.open(', 'dsn'],
    pattern: '(?:(?:sql|mysql)\\.Open\\(\\s{0,3}(?:"mysql"\\s{0,3},\\s{0,3})?"|dsn["\'`]?\\s{0,3}[:=]\\s{0,3}["\'`]?)[^":@\\s/]{1,64}:([^"@\\s]{4,200})@(?:tcp|unix)\\(',
    ignoreCase: true,
    skipReferences: true,
    allow: [TRIVIAL, '^%s$'],
    samples: () => ({
      positive: [1, 2, 3].map((s) => {
        const pw = j(rnd(B62, 10, `gmd${s}`), s === 1 ? '!' : '_', rnd(B62, 4, `gmd${s}b`));
        const text = [
          `db, err := sql.Open("mysql", "api:${pw}@tcp(db.internal:3306)/shop?parseTime=true")`,
          `MYSQL_DSN=api:${pw}@tcp(127.0.0.1:3306)/shop`,
          `db, err := gorm.Open(mysql.Open("app:${pw}@tcp(mysql:3306)/app?charset=utf8mb4"), &gorm.Config{})`,
        ][s - 1]!;
        return { secret: pw, text };
      }),
      negative: {
        placeholder: 'sql.Open("mysql", "api:<password>@tcp(db:3306)/shop")',
        length: 'sql.Open("mysql", "api:ab@tcp(db:3306)/shop")',
        prefix: `sql.Opem("mysql", "api:${rnd(B62, 14, 'gmd4')}@tcp(db:3306)/shop")`,
        other: ['dsn := fmt.Sprintf("%s:%s@tcp(%s)/shop", user, pass, host)', 'DSN=root:root@tcp(localhost:3306)/test', 'sql.Open("mysql", dsn)'],
      },
    }),
  },
  {
    id: 'adonet-password',
    description: 'ADO.NET connection string with a password',
    keywords: ['server=', 'data source='],
    pattern: '(?:Server|Data Source)\\s{0,2}=[^;\'"\\n]{1,200};[^\'"\\n]{0,300}?(?:Password|Pwd)\\s{0,2}=\\s{0,2}([^;\'"\\n]{4,200})',
    ignoreCase: true,
    skipReferences: true,
    // C# interpolation / String.Format holes: `Password={pwd}`, `Pwd={0}`.
    allow: [TRIVIAL, '^\\{[\\w.]{0,40}\\}$'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const pw = j(rnd(B62, 10, `ad${s}`), '#', rnd(B62, 5, `ad${s}b`));
        return { secret: pw, text: s === 1 ? `"Default": "Server=sql.internal;Database=app;User Id=app;Password=${pw};"` : `connStr = "Data Source=tcp:sql,1433;Initial Catalog=app;User ID=sa;Pwd=${pw}"` };
      }),
      negative: { placeholder: '"Server=sql;Database=app;User Id=app;Password=<password>;"', length: '"Server=sql;Database=app;User Id=app;Password=ab;"', prefix: `"Servers=sql;Database=app;User Id=app;Password=${rnd(B62, 14, 'ad4')};"`, other: ['$"Server={server};Database=app;User Id={user};Password={pwd};"', 'string.Format("Server={0};User Id={1};Password={2}", a, b, c)'] },
    }),
  },
  {
    id: 'positional-db-password',
    description: 'A literal password passed positionally to a database connect call (mysqli_connect, new PDO, MySQLdb / pymysql.connect)',
    keywords: ['mysqli_connect(', 'mysql_connect(', 'new pdo(', 'new mysqli(', 'mysqldb.connect(', 'pymysql.connect('],
    // connect(host-or-dsn, user, password, ...): the third argument, when all three are literals.
    pattern: '(?:mysqli?_connect|new\\s{1,3}(?:PDO|mysqli)|(?:MySQLdb|pymysql)\\.connect)\\(\\s{0,20}["\'][^"\'\\n]{1,200}["\']\\s{0,3},\\s{0,20}["\'][^"\'\\n]{1,100}["\']\\s{0,3},\\s{0,20}["\']([^"\'\\n]{4,200})["\']',
    ignoreCase: true,
    skipReferences: true,
    allow: ['^(?:pass(?:word)?|secret|changeme|test|root|admin|mysql|your[_-]?password)$'],
    validate: VALIDATORS['positional-db-password'],
    samples: () => ({
      positive: [1, 2, 3, 4].map((s) => {
        const secret = j(rnd(B62, 10, `pdb${s}`), s === 1 ? '!' : '#', rnd(B62, 3, `pdb${s}b`));
        const text = [
          `$link = mysqli_connect("db.internal", "shop", "${secret}", "shop");`,
          `$pdo = new PDO('mysql:host=db.internal;dbname=crm', 'crm', '${secret}');`,
          `db = MySQLdb.connect("10.0.3.7", "backfill", "${secret}", "events")`,
          `conn = pymysql.connect('db.internal', 'etl', '${secret}', 'warehouse')`,
        ][s - 1]!;
        return { secret, text };
      }),
      negative: {
        placeholder: '$link = mysqli_connect("localhost", "root", "password", "app");',
        length: '$link = mysqli_connect("localhost", "app", "ab", "app");',
        prefix: `$link = mysqli_konnect("localhost", "app", "${rnd(B62, 14, 'pdb5')}", "app");`,
        other: ['$link = mysqli_connect($host, $user, $password, $dbname);', "$pdo = new PDO($dsn, getenv('DB_USER'), getenv('DB_PASS'));", 'db = MySQLdb.connect(host, user, passwd, "events")', 'conn = pymysql.connect(host="db", user="etl", password=os.environ["PW"])'],
      },
    }),
  },
  {
    id: 'pgpass-password',
    description: 'Password in a PostgreSQL .pgpass line on the default port (host:5432:database:user:password)',
    keywords: [':5432:'],
    boundary: false,
    // The password is the last field and ends the line (.pgpass escapes a colon in a field as \:).
    pattern: ':5432:[^:\\s]{1,100}:[^:\\s]{1,100}:((?:[^:\\s\\\\]|\\\\.){4,200})[ \\t]{0,20}(?![^\\r\\n])',
    skipReferences: true,
    allow: ['^(?:pass(?:word)?|pwd|secret|changeme|postgres|\\*+|x+)$'],
    validate: VALIDATORS['pgpass-password'],
    samples: () => ({
      positive: [1, 2].map((s) => {
        const secret = j(rnd(B62, 11, `pgp${s}`), s === 1 ? '#' : '-', rnd(B62, 4, `pgp${s}b`));
        const text = s === 1 ? `reports.internal:5432:analytics:reader:${secret}\n` : `# pgbouncer and the primary\n*:6432:*:app:${rnd(B62, 12, 'pgp9')}\ndb-primary.internal:5432:*:app:${secret}\n`;
        return { secret, text };
      }),
      negative: {
        placeholder: 'db.internal:5432:app:app:password\n',
        length: 'db.internal:5432:app:app:ab\n',
        prefix: `db.internal:5433:app:app:${rnd(B62, 14, 'pgp3')}\n`,
        other: ['localhost:5432:*:postgres:${PGPASSWORD}\n', 'hostname:port:database:username:password\n', '2026-11-20 10:54:32.118 UTC listening on port 5432\n'],
      },
    }),
  },
];
