import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from './nest.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('cats');

const requestDuration = meter.createHistogram('app.cats.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.cats.requests', {
  unit: '{request}',
  description: 'HTTP requests handled by this module.',
});

// Read once at load: constant for the life of the process, never per request.
const metricAttributes = {
  environment: process.env.DEPLOYMENT_ENVIRONMENT ?? 'unknown',
  'service.version': process.env.SERVICE_VERSION ?? 'unknown',
};

// The attributes of one request's measurements: the method (_OTHER outside the HTTP standard), the
// route template (never the raw path), the status the client received (null: the connection closed
// first), and error.type on server errors only.
function requestAttributes(method: string | undefined, route: string, status: number | null) {
  const standard = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];
  return {
    ...metricAttributes,
    'http.request.method': method !== undefined && standard.includes(method) ? method : '_OTHER',
    'http.route': route,
    ...(status === null
      ? { 'error.type': 'aborted' }
      : { 'http.response.status_code': status, ...(status >= 500 ? { 'error.type': String(status) } : {}) }),
  };
}

// The status Nest's default exception filter sends for an error: an HttpException's status, an
// http-errors error's statusCode, else 500.
function nestResponseStatus(err: unknown): number {
  return typeof err !== 'object' || err === null
    ? 500
    : 'getStatus' in err && typeof err.getStatus === 'function'
      ? Number(err.getStatus())
      : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
        ? err.statusCode
        : 500;
}

// A promise a handler returns is handed back as one settling the same way: `onPending` runs at once,
// `onSettled` when it settles (with the rejection, if any). Anything else is returned as it is.
function settled<T>(
  value: T,
  onPending: () => void,
  onSettled: (rejected: boolean, err?: unknown) => void,
): T {
  if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
  onPending();
  return (value as PromiseLike<unknown>).then(
    (result) => {
      onSettled(false);
      return result;
    },
    (err: unknown) => {
      onSettled(true, err);
      throw err;
    },
  ) as T;
}

export interface Cat {
  name: string;
  age: number;
}

export interface CatsService {
  findAll(): Promise<Cat[]>;
  cached(): Cat[];
  findOne(name: string): Promise<Cat | undefined>;
  recent(fresh: boolean): Cat[] | Promise<Cat[]>;
  create(cat: Cat): Promise<Cat>;
}

// The shapes Nest's CLI generates: methods that are not async and return what the service returns.
@Controller('cats')
export class CatsController {
  constructor(private readonly catsService: CatsService) {}

  @Get()
  findAll() {
    const requestStart = performance.now();
    let status = 200;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) status = nestResponseStatus(err);
      const attributes = requestAttributes('GET', '/cats', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      return settled(this.catsService.findAll(), () => (settling = true), recordRequest);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get('cached')
  cached() {
    const requestStart = performance.now();
    let status = 200;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) status = nestResponseStatus(err);
      const attributes = requestAttributes('GET', '/cats/cached', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      return settled(this.catsService.cached(), () => (settling = true), recordRequest);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get('recent')
  recent(): Cat[] | Promise<Cat[]> {
    const requestStart = performance.now();
    let status = 200;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) status = nestResponseStatus(err);
      const attributes = requestAttributes('GET', '/cats/recent', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      return settled(this.catsService.recent(false), () => (settling = true), recordRequest);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get(':name')
  findOne(@Param('name') name: string): Promise<Cat> {
    const requestStart = performance.now();
    let status = 200;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) status = nestResponseStatus(err);
      const attributes = requestAttributes('GET', '/cats/:name', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      if (name.length > 20) throw new BadRequestException('name too long');
      return settled(this.catsService.findOne(name).then((cat) => {
        if (!cat) throw new NotFoundException(`cat ${name} not found`);
        return cat;
      }), () => (settling = true), recordRequest);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Post()
  @HttpCode(202)
  create(@Body() cat: Cat): Promise<Cat> {
    const requestStart = performance.now();
    let status = 202;
    // A returned promise is recorded when it settles, anything else when the handler returns or throws.
    let settling = false;
    const recordRequest = (rejected = false, err?: unknown) => {
      if (rejected) status = nestResponseStatus(err);
      const attributes = requestAttributes('POST', '/cats', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    try {
      return settled(this.catsService.create(cat), () => (settling = true), recordRequest);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get('names/count')
  count(): number {
    const requestStart = performance.now();
    let status = 200;
    try {
      return this.catsService.cached().length;
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      const attributes = requestAttributes('GET', '/cats/names/count', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }
}
