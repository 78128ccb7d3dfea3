// Which calls are evidence of work worth tracing: databases, HTTP, files, queues, caches, processes,
// gRPC clients, and any call into another component (handed the context, or made on a dependency the
// receiver holds). Telemetry, logging and context plumbing take a context too but are not work.
import type { IoCall } from '../facts.js';
import { words } from '../naming.js';
import { firstArgIdent, lastSegment, methodOf, receiverOf, rootOf } from './calls.js';
import type { KnownPackage } from './imports.js';
import type { LexCall } from './lexer.js';
import type { GoFile } from './model.js';
import { shorten } from './scan.js';

const DB_METHODS = new Set([
  'QueryContext',
  'ExecContext',
  'QueryRowContext',
  'Query',
  'Exec',
  'QueryRow',
  'BeginTx',
  'Begin',
  'Prepare',
  'PrepareContext',
  'Get',
  'Select',
  'GetContext',
  'SelectContext',
  'NamedExec',
  'NamedExecContext',
  'NamedQuery',
  'NamedQueryContext',
  'Queryx',
  'QueryRowx',
  'QueryxContext',
  'QueryRowxContext',
  'SendBatch',
  'CopyFrom',
  'Commit',
  'Rollback',
  'PingContext',
]);
const DB_WORDS = new Set(['db', 'tx', 'conn', 'pool', 'stmt', 'sql', 'sqlx', 'pgx', 'database', 'querier']);
const DB_TYPE =
  /\b(sql\.(DB|Tx|Conn|Stmt)|sqlx\.(DB|Tx)|pgxpool\.Pool|pgx\.(Conn|Tx)|gorm\.DB|bun\.DB|ent\.Client)\b/;
const CACHE_WORDS = new Set(['redis', 'rdb', 'cache', 'memcache', 'memcached', 'valkey']);
const CACHE_TYPE = /\bredis\.(Client|ClusterClient|UniversalClient|Ring)\b|\bmemcache\.Client\b/;
const QUEUE_METHODS = new Set([
  'Publish',
  'PublishMsg',
  'PublishAsync',
  'Produce',
  'SendMessage',
  'SendMessages',
  'SendMessageBatch',
  'WriteMessages',
  'ReadMessage',
  'FetchMessage',
  'CommitMessages',
  'Subscribe',
  'QueueSubscribe',
  'ChanSubscribe',
  'Consume',
]);
const QUEUE_TYPE =
  /\b(kafka\.(Writer|Reader)|sarama\.(SyncProducer|AsyncProducer|ConsumerGroup)|nats\.Conn|jetstream\.JetStream|sqs\.Client|sns\.Client|pubsub\.(Client|Topic|Subscription)|amqp\.Channel)\b/;
const HTTP_FUNCS = new Set(['Get', 'Post', 'Head', 'PostForm', 'NewRequestWithContext']);
const FS_FUNCS = new Set([
  'Open',
  'Create',
  'ReadFile',
  'WriteFile',
  'OpenFile',
  'Remove',
  'RemoveAll',
  'Mkdir',
  'MkdirAll',
  'ReadDir',
  'Rename',
]);

/** Packages whose calls take a context but do no work of their own (telemetry, context plumbing, logging). */
const PLUMBING: KnownPackage[] = ['context', 'otel', 'trace', 'metric', 'attribute', 'codes'];
const PLUMBING_ROOTS =
  /^(log|logger|slog|zap|zerolog|logrus|baggage|propagation|metadata|otel\w*|semconv|span|tracer|meter|errgroup)$/;
/** Receivers that carry telemetry or context, whatever they are called (`h.propagators`, `p.TextMapPropagator`). */
const PLUMBING_RECEIVER = /propagators?$|carrier$|labeler$|logger$|semconv$/i;
/** Context plumbing by name: `trace.ContextWithSpan`, `LabelerFromContext`, `r.WithContext`, `metadata.NewOutgoingContext`. */
const CONTEXT_PLUMBING =
  /FromContext$|^ContextWith|^WithContext$|^New(Incoming|Outgoing)?Context$|^Context$|FromIncomingContext$|FromOutgoingContext$/;
/** Fields the receiver holds that are not dependencies (locks, loggers, telemetry, configuration). */
const NOT_DEPENDENCY_FIELD =
  /^(mu|mtx|mutex|lock|rw|wg|once|log|logger|tracer|meter|metrics|cfg|conf|config|opts|options|clock|now|name|id|req|request|writer|w|resp|response|header|headers|params|keys|errors|url|buf|buffer|data|state|cache_mu)$/i;
// Values, not services: the request being served, containers, buffers, time.
const NOT_DEPENDENCY_TYPE =
  /^(\*?(sync|atomic|slog|zap|zerolog|logrus|log|strings|bytes|time|url|regexp|big|template)\.|\*?http\.(Request|Header|Cookie)\b|http\.ResponseWriter\b|\[\]|map\[|(string|int|int64|bool|float64)$)/;
const NOT_DEPENDENCY_METHOD = new Set([
  'Lock',
  'Unlock',
  'RLock',
  'RUnlock',
  'Wait',
  'Done',
  'Load',
  'Store',
  'Swap',
  'CompareAndSwap',
  'String',
  'Error',
  'Len',
]);

export interface IoContext {
  file: GoFile;
  /** Receiver name of the method (`s`), null for functions. */
  receiver: string | null;
  /** Context parameters of the function and its literals; locals named like `ctx` count too. */
  contextNames: ReadonlySet<string>;
  /** Calls that are telemetry (span starts, metric recordings): never I/O. */
  telemetry: ReadonlySet<LexCall>;
}

function fieldType(file: GoFile, selector: string): string {
  return file.fieldTypes.get(lastSegment(selector)) ?? '';
}

function isPkg(file: GoFile, name: string, pkg: KnownPackage): boolean {
  return file.imports.is(name, pkg);
}

/** A call of a package-level function (`http.Get`, `os.ReadFile`). `sql.Open` only validates its arguments. */
function packageCallKind(file: GoFile, pkg: string, fn: string): string | null {
  if (isPkg(file, pkg, 'http') && HTTP_FUNCS.has(fn)) return 'http';
  if ((isPkg(file, pkg, 'os') || isPkg(file, pkg, 'ioutil')) && FS_FUNCS.has(fn)) return 'filesystem';
  if (isPkg(file, pkg, 'exec') && (fn === 'Command' || fn === 'CommandContext')) return 'subprocess';
  if (
    (isPkg(file, pkg, 'net') && /^Dial/.test(fn)) ||
    (isPkg(file, pkg, 'smtp') && (fn === 'SendMail' || fn === 'Dial'))
  )
    return 'network';
  return null;
}

/** A method call on a value (`db.QueryContext`, `s.client.Do`, `rdb.Get`, `s.repo.Save`). */
function methodCallKind(call: LexCall, io: IoContext, receiver: string, method: string): string | null {
  const { file } = io;
  const lastWords = words(lastSegment(receiver));
  const type = fieldType(file, receiver);
  if (DB_TYPE.test(type) || (DB_METHODS.has(method) && lastWords.some((w) => DB_WORDS.has(w))))
    return 'database';
  if (
    method === 'Do' &&
    (/\bhttp\.Client\b/.test(type) || lastWords.some((w) => w === 'client' || w === 'http'))
  )
    return 'http';
  if (CACHE_TYPE.test(type) || lastWords.some((w) => CACHE_WORDS.has(w))) return 'cache';
  if (QUEUE_TYPE.test(type) || QUEUE_METHODS.has(method)) return 'queue';
  const passesContext = passesCtx(call, io);
  if (passesContext && (lastWords[lastWords.length - 1] === 'client' || /Client$/.test(type))) return 'grpc';
  if (passesContext) return 'dependency';
  // `s.repo.Save(...)`: a method of something the receiver holds.
  const parts = call.callee.split('.');
  if (io.receiver && parts.length >= 3 && parts[0] === io.receiver) {
    const field = parts[1] as string;
    if (
      // `c.AbortWithError(...).SetType`: a method result, not a held dependency.
      !field.includes('(') &&
      !NOT_DEPENDENCY_FIELD.test(field) &&
      !NOT_DEPENDENCY_TYPE.test(fieldType(file, field)) &&
      !NOT_DEPENDENCY_METHOD.has(method)
    ) {
      return 'dependency';
    }
  }
  return null;
}

function kindOf(call: LexCall, io: IoContext): string | null {
  const receiver = receiverOf(call);
  const method = methodOf(call);
  if (receiver === '') return passesCtx(call, io) ? 'dependency' : null;
  if (io.file.imports.isPackage(receiver)) {
    return packageCallKind(io.file, receiver, method) ?? (passesCtx(call, io) ? 'dependency' : null);
  }
  return methodCallKind(call, io, receiver, method);
}

function passesCtx(call: LexCall, io: IoContext): boolean {
  const first = firstArgIdent(io.file.text, call);
  if (first !== null) return io.contextNames.has(first) || /^ctx$|[a-z]Ctx$|^[a-z]*ctx$/.test(first);
  // r.Context() / c.Request.Context() handed straight on.
  return /^\(\s*[\p{L}_][\p{L}\p{Nd}_.]*(\(\))?\.Context\(\)\s*[,)]/u.test(
    io.file.text.slice(call.open, call.open + 60),
  );
}

function isPlumbing(call: LexCall, io: IoContext): boolean {
  if (io.telemetry.has(call)) return true;
  const root = rootOf(call.callee);
  if (PLUMBING.some((pkg) => isPkg(io.file, root, pkg))) return true;
  const receiver = lastSegment(receiverOf(call));
  return (
    PLUMBING_ROOTS.test(root) ||
    PLUMBING_ROOTS.test(receiver) ||
    PLUMBING_RECEIVER.test(receiver) ||
    CONTEXT_PLUMBING.test(methodOf(call))
  );
}

export function ioCallOf(call: LexCall, io: IoContext): IoCall | null {
  if (call.callee === '' || isPlumbing(call, io)) return null;
  const kind = kindOf(call, io);
  if (kind === null) return null;
  return { callee: shorten(call.callee, 60), line: io.file.pos.line(call.start), kind };
}
