// Clients whose construction (or annotation) tells what every later call on them is:
// `httpx.AsyncClient()`, `redis.Redis()`, `boto3.client("sqs")`, `session: AsyncSession`.
import type { IoKind } from './io.js';

/** Clients whose construction tells what every later call on them is. */
const CLIENT_TYPES: ReadonlyMap<string, IoKind> = new Map<string, IoKind>([
  ['httpx.AsyncClient', 'http'],
  ['httpx.Client', 'http'],
  ['requests.Session', 'http'],
  ['requests.session', 'http'],
  ['aiohttp.ClientSession', 'http'],
  ['urllib3.PoolManager', 'http'],
  ['redis.Redis', 'cache'],
  ['redis.StrictRedis', 'cache'],
  ['redis.from_url', 'cache'],
  ['redis.Redis.from_url', 'cache'],
  ['redis.asyncio.Redis', 'cache'],
  ['redis.asyncio.from_url', 'cache'],
  ['redis.asyncio.Redis.from_url', 'cache'],
  ['aioredis.from_url', 'cache'],
  ['pymemcache.client.base.Client', 'cache'],
  ['pymongo.MongoClient', 'database'],
  ['motor.motor_asyncio.AsyncIOMotorClient', 'database'],
  ['sqlalchemy.orm.Session', 'database'],
  ['sqlalchemy.ext.asyncio.AsyncSession', 'database'],
  ['sqlalchemy.engine.Connection', 'database'],
  ['sqlalchemy.create_engine', 'database'],
  ['sqlalchemy.ext.asyncio.create_async_engine', 'database'],
  ['asyncpg.Connection', 'database'],
  ['asyncpg.Pool', 'database'],
  ['asyncpg.pool.Pool', 'database'],
  ['psycopg.Connection', 'database'],
  ['psycopg.AsyncConnection', 'database'],
  ['sqlite3.Connection', 'database'],
  ['kafka.KafkaProducer', 'queue'],
  ['kafka.KafkaConsumer', 'queue'],
  ['aiokafka.AIOKafkaProducer', 'queue'],
  ['aiokafka.AIOKafkaConsumer', 'queue'],
  ['confluent_kafka.Producer', 'queue'],
  ['confluent_kafka.Consumer', 'queue'],
  ['pika.BlockingConnection', 'queue'],
  ['smtplib.SMTP', 'dependency'],
  ['smtplib.SMTP_SSL', 'dependency'],
]);

/** The names client constructors end with, to find their calls quickly. */
export const CLIENT_CONSTRUCTOR_NAMES: readonly string[] = [
  ...new Set([...CLIENT_TYPES.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1))),
  'client',
  'resource',
];

/** What AWS service a boto3 client talks to decides the kind of its calls. */
function awsKind(service: string): IoKind {
  if (service === 'dynamodb') return 'database';
  if (service === 's3') return 'filesystem';
  if (['sqs', 'sns', 'kinesis', 'firehose', 'events', 'eventbridge', 'stepfunctions', 'mq'].includes(service))
    return 'queue';
  return 'http';
}

/**
 * The kind a constructor or annotation gives the name it is bound to: `httpx.AsyncClient(...)`,
 * `boto3.client("sqs")`, `session: AsyncSession`. `serviceArgument` is the first argument's text.
 */
export function clientKind(qualified: string, serviceArgument: string): IoKind | undefined {
  const known = CLIENT_TYPES.get(qualified);
  if (known) return known;
  if (/^(aio)?boto3(\.session)?(\.Session)?\.(client|resource)$/.test(qualified)) {
    const service = /^\s*(?:service_name\s*=\s*)?["']([\w-]+)["']/.exec(serviceArgument)?.[1];
    return service ? awsKind(service) : 'http';
  }
  return undefined;
}
