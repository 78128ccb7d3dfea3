// Test support: the parts of Koa, NestJS and Next.js that decide the status a client receives, simulated
// from their sources (none of them is installed), so the runtime test can check that the generated code
// records exactly that status.
import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';

/**
 * A Koa context: `status` starts at 404, setting `body` makes it 200 (204 for null) unless a status was
 * set explicitly (koa/lib/response.js); `throw` raises an http-errors error (status and statusCode).
 */
export class KoaContext {
  readonly request: { body?: unknown };
  headerSent = false;
  private currentStatus = 404;
  private explicitStatus = false;
  private currentBody: unknown;

  constructor(
    readonly method: string,
    readonly params: Record<string, string | undefined> = {},
    body?: unknown,
  ) {
    this.request = { body };
  }

  get status(): number {
    return this.currentStatus;
  }

  set status(code: number) {
    this.currentStatus = code;
    this.explicitStatus = true;
  }

  get body(): unknown {
    return this.currentBody;
  }

  set body(value: unknown) {
    this.currentBody = value;
    if (!this.explicitStatus) this.currentStatus = value === null ? 204 : 200;
  }

  throw(status: number, message?: string): never {
    throw Object.assign(new Error(message ?? STATUS_CODES[status]), {
      status,
      statusCode: status,
      expose: true,
    });
  }
}

/**
 * Runs a route's middleware as koa-compose does, then Koa's default error handler (context.onerror): an
 * Error's `status || statusCode` when `statuses` knows it, 404 for ENOENT, else 500. Returns the status sent.
 */
export async function runKoa(
  middleware: ((ctx: KoaContext, next: () => Promise<unknown>) => unknown)[],
  ctx: KoaContext,
): Promise<number> {
  const dispatch = async (i: number): Promise<unknown> => middleware[i]?.(ctx, () => dispatch(i + 1));
  try {
    await dispatch(0);
  } catch (thrown) {
    const err = (thrown instanceof Error ? thrown : new Error('non-error thrown')) as Error & {
      status?: unknown;
      statusCode?: unknown;
      code?: unknown;
    };
    let statusCode = err.status || err.statusCode;
    if (err.code === 'ENOENT') statusCode = 404;
    if (typeof statusCode !== 'number' || !STATUS_CODES[statusCode]) statusCode = 500;
    ctx.status = statusCode as number;
  }
  return ctx.status;
}

export interface NestRoute {
  method: string;
  path: string;
  handler: string;
  httpCode?: number;
  params: { index: number; source: 'param' | 'body'; name?: string }[];
}

/**
 * Calls a controller method as Nest's router does (arguments from the parameter decorators, the result
 * awaited) and maps the outcome as its default exception filter does (BaseExceptionFilter): an
 * HttpException's getStatus(), an http-errors error's statusCode, else 500; on success @HttpCode, else
 * 201 for POST and 200 otherwise. Returns the status sent.
 */
export async function runNest(
  controller: object,
  route: NestRoute,
  request: { params?: Record<string, string>; body?: unknown },
): Promise<number> {
  const args: unknown[] = [];
  for (const p of route.params)
    args[p.index] = p.source === 'body' ? request.body : request.params?.[p.name ?? ''];
  const method = (controller as Record<string, (...a: unknown[]) => unknown>)[route.handler];
  try {
    await method?.apply(controller, args);
    return route.httpCode ?? (route.method === 'POST' ? 201 : 200);
  } catch (err) {
    if (err instanceof Error && typeof (err as { getStatus?: unknown }).getStatus === 'function')
      return (err as Error & { getStatus(): number }).getStatus();
    const httpError = err as { statusCode?: unknown; message?: unknown };
    if (httpError?.statusCode && httpError.message) return Number(httpError.statusCode);
    return 500;
  }
}

/**
 * Calls an App Router route handler as Next's AppRouteRouteModule does: a returned Response is sent, any
 * other value is an error; a thrown redirect() or notFound() is resolved to its response
 * (resolveHandlerError: the status in the error's digest), any other error is a 500.
 */
export async function runNextRoute(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => unknown,
  request: Request,
  params: Record<string, string>,
): Promise<number> {
  try {
    const response = await handler(request, { params: Promise.resolve(params) });
    return response instanceof Response ? response.status : 500;
  } catch (err) {
    const digest = String((err as { digest?: unknown })?.digest ?? '');
    const parts = digest.split(';');
    if (parts[0] === 'NEXT_REDIRECT') return Number(parts.at(-2));
    if (parts[0] === 'NEXT_HTTP_ERROR_FALLBACK') return Number(parts[1]);
    return 500;
  }
}

/** A Node ServerResponse as a Pages Router API route sees it: `finish` then `close` once it is ended. */
export class ApiResponse extends EventEmitter {
  statusCode = 200;
  finished = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  json(_body: unknown): void {
    this.end();
  }

  setHeader(_name: string, _value: string): this {
    return this;
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.emit('finish');
    this.emit('close');
  }
}

/** Next's apiResolver: a thrown error becomes a 500 unless the response was already sent. */
export async function runApiRoute(
  handler: (req: unknown, res: ApiResponse) => unknown,
  req: { method: string; query: Record<string, string> },
): Promise<number> {
  const res = new ApiResponse();
  try {
    await handler(req, res);
  } catch {
    if (!res.finished) res.status(500).end();
  }
  return res.statusCode;
}
