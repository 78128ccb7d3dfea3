import type { IoCall } from '../facts.js';
import type { CallSite } from './collect.js';
import type { ModuleInfo } from './module.js';
import { shorten } from './syntax.js';

// What a call's callee says about the work it does. Module specifiers are the strongest evidence, then
// well-known client names, then the shape `await this.<dependency>.<method>()`.

const MODULE_KINDS: [RegExp, string][] = [
  [/^(node:)?(fs|fs\/promises)$|^fs-extra$|^graceful-fs$/, 'filesystem'],
  [
    /^(node:)?(http|https|http2)$|^(axios|got|undici|node-fetch|superagent|ky|ofetch|cross-fetch|isomorphic-fetch)$/,
    'http',
  ],
  [/^(node:)?child_process$|^execa$|^cross-spawn$/, 'subprocess'],
  [
    /^(pg|pg-pool|postgres|mysql2?(\/promise)?|mssql|oracledb|sqlite3?|better-sqlite3|mongodb|mongoose|knex|sequelize|typeorm|@prisma\/client|@mikro-orm\/.*|drizzle-orm.*|kysely|slonik|@vercel\/postgres|@neondatabase\/serverless|@planetscale\/database|cassandra-driver|@elastic\/elasticsearch|@aws-sdk\/client-dynamodb|@aws-sdk\/lib-dynamodb)$/,
    'database',
  ],
  [/^(redis|ioredis|memcached|@upstash\/redis)$/, 'cache'],
  [
    /^(kafkajs|amqplib|amqp-connection-manager|bullmq|bull|bee-queue|nats|@google-cloud\/pubsub|@aws-sdk\/client-(sqs|sns|eventbridge|kinesis)|@azure\/service-bus|sqs-consumer|mqtt)$/,
    'queue',
  ],
  [/^@grpc\/grpc-js$|^grpc$/, 'grpc'],
];

const FS_FUNCTIONS = new Set([
  'readFile',
  'writeFile',
  'appendFile',
  'readdir',
  'mkdir',
  'unlink',
  'rmdir',
  'copyFile',
  'createReadStream',
  'createWriteStream',
  'readFileSync',
  'writeFileSync',
  'appendFileSync',
  'readdirSync',
  'mkdirSync',
  'unlinkSync',
]);
const HTTP_FUNCTIONS = new Set(['fetch', 'got', 'axios', 'ky', 'ofetch', '$fetch', 'superagent']);
const SUBPROCESS_FUNCTIONS = new Set([
  'exec',
  'execFile',
  'spawn',
  'fork',
  'execSync',
  'execFileSync',
  'spawnSync',
  'execa',
]);
const HTTP_METHODS = /^(request|get|post|put|patch|delete|head|options|fetch|stream)$/;
const HTTP_CLIENT_ROOTS = /^(axios|got|undici|superagent|ky|needle)$/;
const DB_ROOTS =
  /^(prisma|pool|pg|db|database|knex|trx|tx|sql|conn|connection|sequelize|mongo|mongoose|dataSource|entityManager|queryRunner|em|client|dynamo|dynamodb|docClient|ddb|firestore|supabase|repo|repository|dao)$|(Repository|Repo|Pool|Db|Dao|Collection|Model)$/;
const DB_METHODS =
  /^(query|execute|exec|raw|transaction|\$transaction|\$queryRaw|\$executeRaw|find\w*|save|insert\w*|update\w*|upsert|delete\w*|remove|destroy|create\w*|count\w*|aggregate|collection|select|where|from|into|table|first|one|many|any|none|get\w*|put\w*|scan|batch\w*|bulk\w*|increment|decrement|exists|distinct|merge|persist|flush|doc|ref|rpc)$/;
const REMOTE_CACHE = /(redis|memcache|memcached|keyv)$/i;
const QUEUE_ROOTS =
  /(producer|kafka|channel|sqs|sns|queue|publisher|pubsub|nats|amqp|rabbit|eventBus|broker|topic|eventbridge|kinesis)$/i;
const QUEUE_METHODS =
  /^(send|sendBatch|publish|sendToQueue|sendMessage\w*|add|addBulk|produce|enqueue|dispatch|publishMessage|putRecords?|putEvents)$/;
const MODEL_METHODS =
  /^(find|findOne|findById|findByIdAndUpdate|findByIdAndDelete|findOneAndUpdate|findOneAndDelete|findAll|findByPk|findOrCreate|findAndCountAll|insertMany|bulkCreate|updateOne|updateMany|deleteOne|deleteMany|countDocuments|aggregate|upsert|destroy|bulkWrite)$/;
const BUILTINS = new Set([
  'Object',
  'Array',
  'Promise',
  'JSON',
  'Math',
  'Date',
  'Reflect',
  'Symbol',
  'Number',
  'String',
  'Boolean',
  'BigInt',
  'Buffer',
  'Error',
  'Intl',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'console',
  'process',
  'globalThis',
  'window',
  'document',
  'URL',
  'URLSearchParams',
  'RegExp',
  'Atomics',
  'performance',
  'crypto',
  'structuredClone',
]);
// Methods of arrays, maps, strings, emitters, loggers and promises: calls on a field with these names are
// not evidence of I/O even when the field is an injected dependency.
const GENERIC_METHODS =
  /^(push|pop|shift|unshift|splice|slice|map|filter|forEach|reduce|some|every|find|findIndex|includes|indexOf|join|concat|keys|values|entries|has|get|set|add|delete|clear|sort|reverse|flat|flatMap|fill|at|toString|toJSON|valueOf|emit|on|once|off|addListener|removeListener|info|debug|warn|error|log|trace|fatal|verbose|child|bind|call|apply|then|catch|finally|next|subscribe|pipe|length|size|startSpan|startActiveSpan|setAttribute|setAttributes|end|recordException|setStatus|record|observe|inc|dec|use|charCodeAt|charAt|codePointAt|substring|substr|replace|replaceAll|toUpperCase|toLowerCase|trim|split|startsWith|endsWith|padStart|padEnd|match|matchAll|test|exec|write|now)$/;
const NON_DEPENDENCY_FIELDS =
  /^(#?(log|logger|console|tracer|meter|metrics|span|config|configService|options|opts|settings|mapper|validator|emitter|events|eventEmitter|items|list|map|cache\w*Map|state|props|counter|histogram|gauge|i18n|translate|clock|timer|uuid|random))$/i;

const BUILTIN_CLASSES =
  /^(Map|Set|WeakMap|WeakSet|Date|URL|URLSearchParams|Array|Error|\w+Error|RegExp|Promise|EventEmitter|AbortController|TextEncoder|TextDecoder|Intl\.\w+)$/;
const CLIENT_METHODS =
  /^(send\w*|publish|query|execute|request|fetch|post|put|patch|insert\w*|update\w*|upsert|find\w*|save|charge|refund|upload|download|connect|invoke)$/;

const GENERIC_ARRAY_METHODS =
  /^(push|pop|shift|map|filter|forEach|reduce|size|keys|values|entries|toString)$/;

/** Fields a class is given by its constructor → their declared types (null in JavaScript). */
export type InjectedFields = ReadonlyMap<string, string | null>;

const TYPE_KINDS: [RegExp, string][] = [
  [
    /Repository|Repo\b|EntityManager|DataSource|Prisma|Model<|Knex|Pool\b|Sequelize|Db\b|Collection</,
    'database',
  ],
  [/Redis|Cache/, 'cache'],
  [/HttpService|HttpClient|Axios/, 'http'],
  [/Queue|Producer|ClientProxy|ClientKafka|Channel|Publisher/, 'queue'],
];

/** The calls of a function that are evidence of I/O. */
export function ioCallsOf(
  calls: CallSite[],
  module: ModuleInfo,
  text: string,
  injected?: InjectedFields,
): IoCall[] {
  const out: IoCall[] = [];
  let chainStart = -1;
  for (const call of calls) {
    // `knex('orders').where(...).first()` is one query: the chain's outermost call stands for it.
    if (call.start === chainStart) continue;
    const kind = ioKind(call, module, text, injected);
    if (!kind || !call.callee) continue;
    out.push({ callee: shorten(call.callee.text, 80), line: call.row + 1, kind });
    chainStart = call.start;
  }
  return out;
}

/** The kind of work a call does (`database`, `http`, ...) or null when it is not evidence of I/O. */
function ioKind(call: CallSite, module: ModuleInfo, text: string, injected?: InjectedFields): string | null {
  const segments = call.callee?.segments;
  if (!segments || segments.length === 0) return null;
  const root = stripCall(segments[0] as string);
  const last = stripCall(segments[segments.length - 1] as string);
  const imported = module.imports.get(root);
  if (imported) {
    const kind = moduleKind(imported.source);
    // `http.createServer()` and `new Kafka()`-style set-up calls are not requests.
    if (kind && !(kind === 'http' && segments.length > 1 && !HTTP_METHODS.test(last))) return kind;
  }
  if (segments.length === 1) return bareCallKind(root, call, module);
  if (root === 'this') return thisFieldKind(segments, call.awaited, injected);
  if (BUILTINS.has(root)) return root === 'process' && last === 'exec' ? 'subprocess' : null;
  if (segments.includes('collection()')) return 'database';
  if (/\bprisma$/i.test(root) && segments.length >= 3) return 'database';
  const awsCommand = last === 'send' ? awsCommandKind(call, text) : null;
  if (awsCommand) return awsCommand;
  if (HTTP_CLIENT_ROOTS.test(root)) return 'http';
  if ((root === 'http' || root === 'https') && (last === 'request' || last === 'get')) return 'http';
  if (isCache(root, last, call.awaited)) return 'cache';
  if (QUEUE_ROOTS.test(root) && QUEUE_METHODS.test(last)) return 'queue';
  if (DB_ROOTS.test(root) && DB_METHODS.test(last)) return 'database';
  // `Order.findOne(...)`: a model class. `SUPPORTED_CURRENCIES.find(...)` is a constant array, not a model.
  if (/^[A-Z][a-z]/.test(root) && segments.length === 2 && MODEL_METHODS.test(last)) return 'database';
  if (call.awaited && !GENERIC_METHODS.test(last) && imported) return 'dependency';
  const instanceOf = module.instances.get(root);
  if (instanceOf !== undefined && !BUILTIN_CLASSES.test(instanceOf) && !GENERIC_METHODS.test(last)) {
    // A module-level client (`new Stripe(key)`, `nodemailer.createTransport(...)`): awaited calls, or calls
    // named like requests, go over the wire.
    if (call.awaited || CLIENT_METHODS.test(last)) return 'dependency';
  }
  return null;
}

function stripCall(segment: string): string {
  return segment.endsWith('()') ? segment.slice(0, -2) : segment;
}

function moduleKind(source: string): string | null {
  for (const [pattern, kind] of MODULE_KINDS) if (pattern.test(source)) return kind;
  return null;
}

function bareCallKind(name: string, call: CallSite, module: ModuleInfo): string | null {
  if (HTTP_FUNCTIONS.has(name)) return 'http';
  if (name === 'knex' || name === 'sql') return 'database';
  if (FS_FUNCTIONS.has(name) && module.imports.has(name)) return 'filesystem';
  if (SUBPROCESS_FUNCTIONS.has(name) && module.imports.has(name)) return 'subprocess';
  // An awaited call of an imported function: another module's work, probably I/O behind it.
  if (call.awaited && module.imports.has(name)) return 'dependency';
  return null;
}

/** Names of things that do I/O on a service's behalf. */
const SERVICE_NAME =
  /(repo|repository|store|storage|client|gateway|service|svc|api|db|database|dao|pool|connection|conn|cache|queue|producer|publisher|consumer|mailer|sender|notifier|provider|bus|broker|bucket|adapter|payments?|billing|search|index|http|fetcher|transport)s?$/i;

/** `this.repo.save(...)`, `this.payments.charge(...)`: injected dependencies. */
function thisFieldKind(
  segments: string[],
  awaited: boolean,
  injected: InjectedFields | undefined,
): string | null {
  // `this.post(...)`: a method of the same class. Whether that is I/O depends on the method, which the
  // audit resolves across the file ('internal' is evidence only when the callee does I/O itself).
  if (segments.length === 2)
    return GENERIC_METHODS.test(stripCall(segments[1] as string)) ? null : 'internal';
  if (segments.length < 3) return null;
  const field = stripCall(segments[1] as string).replace(/^#/, '');
  const last = stripCall(segments[segments.length - 1] as string);
  if (injected?.has(field)) {
    // The declared type says what the dependency is, whatever its field is called.
    const type = injected.get(field) ?? '';
    const byType = TYPE_KINDS.find(([pattern]) => pattern.test(type));
    if (byType) return byType[1];
    // A typed field must say it is a service, by its type or its name (`input: Input` in a parser is
    // not; `inventory: InventoryClient` is), unless the call is awaited. Untyped JavaScript has only the
    // constructor to go by.
    const serviceLike = type === '' || SERVICE_NAME.test(type) || SERVICE_NAME.test(field);
    if (
      !NON_DEPENDENCY_FIELDS.test(field) &&
      !/Logger|Config/.test(type) &&
      (awaited || (serviceLike && !GENERIC_METHODS.test(last)))
    )
      return 'dependency';
    return null;
  }
  if (NON_DEPENDENCY_FIELDS.test(field)) return null;
  if (/prisma/i.test(field)) return 'database';
  if (
    /(repo|repository|model|db|database|pool|knex|orm|dao|dataSource|entityManager)$/i.test(field) &&
    DB_METHODS.test(last)
  )
    return 'database';
  if (isCache(field, last, awaited)) return 'cache';
  if (QUEUE_ROOTS.test(field) && QUEUE_METHODS.test(last)) return 'queue';
  if (/^(http|httpService|httpClient|axios)$/i.test(field)) return 'http';
  // A field the class was not visibly given: only waiting on it says it does I/O (`this.input.charCodeAt`
  // in a parser is not a dependency; `await this.payments.charge()` is).
  return awaited ? 'dependency' : null;
}

/** `redis`/`memcache` clients always; a field or variable merely called `cache` only when awaited (a Map is not). */
function isCache(name: string, method: string, awaited: boolean): boolean {
  if (GENERIC_ARRAY_METHODS.test(method)) return false;
  return REMOTE_CACHE.test(name) || (awaited && /cache$/i.test(name));
}

/** AWS SDK v3: `client.send(new PutItemCommand(...))`: the command names the service. */
function awsCommandKind(call: CallSite, text: string): string | null {
  const open = call.callee?.argsOpen ?? -1;
  if (open < 0) return null;
  const m = /\s*new\s+(\w+)Command\b/y;
  m.lastIndex = open + 1;
  const found = m.exec(text);
  if (!found) return null;
  const command = found[1] as string;
  if (/^(SendMessage|SendMessageBatch|Publish|PublishBatch|PutRecords?|PutEvents)$/.test(command))
    return 'queue';
  if (/Item$|^(Query|Scan|BatchGet|BatchWrite|TransactWrite|TransactGet|ExecuteStatement)/.test(command))
    return 'database';
  return 'http';
}
