// Which calls are I/O, and of what kind, judged from the callee as written (after resolving imports)
// and from what the receiver is known to be (a client constructed or annotated in this file).
import { type Callee, wordsOf } from './callee.js';
import {
  CACHE_METHODS,
  CACHE_WORDS,
  COLLECTION_METHODS,
  DATA_WORDS,
  DB_METHODS,
  DB_WORDS,
  DEPENDENCY_WORDS,
  DYNAMO_METHODS,
  DYNAMO_WORDS,
  FS_METHODS,
  FUNCTIONS,
  HTTP_PACKAGES,
  HTTP_VERBS,
  HTTP_WORDS,
  MONGO_AMBIGUOUS,
  MONGO_METHODS,
  MONGO_WORDS,
  OBJECT_STORE_METHODS,
  OS_FILE_CALLS,
  PACKAGES,
  PATH_METHODS,
  PATH_WORDS,
  QUEUE_METHODS,
  QUEUE_VERBS,
  QUEUE_WORDS,
  QUIET_AWAITS,
  QUIET_WORDS,
  URL_ARGUMENT,
} from './io-vocabulary.js';

export type IoKind =
  | 'http'
  | 'database'
  | 'cache'
  | 'queue'
  | 'filesystem'
  | 'subprocess'
  | 'grpc'
  | 'dependency'
  | 'internal';

/**
 * A bare call (`len(x)`, `build(order)`) that is not awaited, not imported and not a known I/O function
 * cannot be I/O evidence: most calls are like this, so they skip the full reading.
 */
export function cannotBeIo(callee: string, awaited: boolean, imports: ReadonlyMap<string, string>): boolean {
  return !awaited && callee.indexOf('.') < 0 && !FUNCTIONS.has(callee) && !imports.has(callee);
}

export interface ClassifyContext {
  /** The kind of client a receiver was bound to in this file (`client = httpx.AsyncClient()`), if known. */
  bindingKind: (receiver: string) => IoKind | undefined;
  /** Text of the first argument, read only when needed. */
  firstArgument: () => string;
  /** The file imports Django: `instance.save()` is an ORM write. */
  django: boolean;
}

/** The I/O kind of a call, or null when it is not evidence of I/O. */
export function classifyCall(callee: Callee, awaited: boolean, ctx: ClassifyContext): IoKind | null {
  const { bases, method, receiver } = callee;
  const n = bases.length;
  const full = bases.join('.');
  const known = FUNCTIONS.get(full);
  if (known) return known;
  if (n >= 2) {
    const root = bases[0]!;
    const pkg = PACKAGES.get(root);
    if (pkg) return pkg;
    if (HTTP_PACKAGES.has(root) && HTTP_VERBS.has(method)) return 'http';
    if (
      root === 'os' &&
      n === 2 &&
      (OS_FILE_CALLS.has(method) || method.startsWith('exec') || method.startsWith('spawn'))
    ) {
      return method.startsWith('exec') || method.startsWith('spawn') ? 'subprocess' : 'filesystem';
    }
    const bound = ctx.bindingKind(receiver);
    if (bound) return bound;
    const kind =
      callee.subscripted || callee.written.length < 2 ? null : byReceiver(callee.written, method, ctx);
    if (kind) return kind;
  }
  if (awaited && !QUIET_AWAITS.has(full)) return 'dependency';
  return null;
}

/**
 * Judged by the receiver's head noun (its last word: `order_repo` → repo, `HTTP_STATUS_CODES` → codes)
 * and the method: `self.db.query` is a database call, `payment_gateway.charge` a dependency call.
 */
function byReceiver(bases: readonly string[], method: string, ctx: ClassifyContext): IoKind | null {
  const n = bases.length;
  const receiverBase = bases[n - 2]!;
  const ws = wordsOf(receiverBase);
  const head = ws[ws.length - 1] ?? '';
  if (QUIET_WORDS.has(head)) return null;

  if (bases.indexOf('objects') >= 1) return 'database'; // Django ORM managers
  if (ctx.django && n === 2 && (method === 'save' || method === 'refresh_from_db') && bases[0] !== 'self')
    return 'database';
  if (MONGO_METHODS.has(method) || DYNAMO_METHODS.has(method)) return 'database';
  if (OBJECT_STORE_METHODS.has(method)) return 'filesystem';
  if (QUEUE_METHODS.has(method)) return 'queue';
  if (FS_METHODS.has(method)) return 'filesystem';
  if (PATH_METHODS.has(method) && (receiverBase === 'Path' || PATH_WORDS.has(head))) return 'filesystem';
  if (ws.includes('redis') || ws.includes('memcache') || ws.includes('valkey')) return 'cache';
  if (CACHE_WORDS.has(head) && CACHE_METHODS.has(method)) return 'cache';
  if (QUEUE_WORDS.has(head) && QUEUE_VERBS.has(method)) return 'queue';
  if (head === 'stub' && /^[A-Z]/.test(method)) return 'grpc';
  if (DB_WORDS.has(head) && DB_METHODS.has(method)) {
    // `session.get(url)` on a requests/aiohttp session vs `session.get(Model, id)` on SQLAlchemy's.
    if (head === 'session' && HTTP_VERBS.has(method) && URL_ARGUMENT.test(ctx.firstArgument())) return 'http';
    return 'database';
  }
  if (head === 'session' && HTTP_VERBS.has(method)) return 'http';
  if (MONGO_AMBIGUOUS.has(method) && (MONGO_WORDS.has(head) || bases[0] === 'db' || bases[n - 3] === 'db'))
    return 'database';
  if ((method === 'scan' || method === 'query') && DYNAMO_WORDS.has(head)) return 'database';
  if (HTTP_WORDS.has(head) && HTTP_VERBS.has(method)) return 'http';
  if (DEPENDENCY_WORDS.has(head) && !method.startsWith('_')) return 'dependency';
  // A method of the same class, `self._deliver(...)`: I/O when that method does I/O, which the audit
  // resolves across the file.
  if ((bases[0] === 'self' || bases[0] === 'cls') && n === 2) return 'internal';
  // An injected dependency: `self.<attr>.<method>(...)`.
  if (
    bases[0] === 'self' &&
    n === 3 &&
    !COLLECTION_METHODS.has(method) &&
    !method.startsWith('_') &&
    !DATA_WORDS.has(head)
  ) {
    return 'dependency';
  }
  return null;
}
