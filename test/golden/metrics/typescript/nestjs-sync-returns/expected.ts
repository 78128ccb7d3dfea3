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
    const onError = (err: unknown) => {
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
    };
    const recordRequest = () => {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': '/cats',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      return whenSettled(this.catsService.findAll());
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get('cached')
  cached() {
    const requestStart = performance.now();
    let status = 200;
    const onError = (err: unknown) => {
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
    };
    const recordRequest = () => {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': '/cats/cached',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      return whenSettled(this.catsService.cached());
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get('recent')
  recent(): Cat[] | Promise<Cat[]> {
    const requestStart = performance.now();
    let status = 200;
    const onError = (err: unknown) => {
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
    };
    const recordRequest = () => {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': '/cats/recent',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      return whenSettled(this.catsService.recent(false));
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      if (!settling) recordRequest();
    }
  }

  @Get(':name')
  findOne(@Param('name') name: string): Promise<Cat> {
    const requestStart = performance.now();
    let status = 200;
    const onError = (err: unknown) => {
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
    };
    const recordRequest = () => {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': '/cats/:name',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      if (name.length > 20) throw new BadRequestException('name too long');
      return whenSettled(this.catsService.findOne(name).then((cat) => {
        if (!cat) throw new NotFoundException(`cat ${name} not found`);
        return cat;
      }));
    } catch (err) {
      onError(err);
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
    const onError = (err: unknown) => {
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
    };
    const recordRequest = () => {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'POST',
        'http.route': '/cats',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    };
    // A returned promise is handed back as one settling the same way, and recorded when it settles.
    let settling = false;
    function whenSettled<T>(value: T): T {
      if (typeof (value as { then?: unknown } | null | undefined)?.then !== 'function') return value;
      settling = true;
      return (value as PromiseLike<unknown>).then(
        (result) => {
          recordRequest();
          return result;
        },
        (err: unknown) => {
          onError(err);
          recordRequest();
          throw err;
        },
      ) as T;
    }
    try {
      return whenSettled(this.catsService.create(cat));
    } catch (err) {
      onError(err);
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
      // What Nest's default exception filter sends: an HttpException's status, an http-errors error's
      // statusCode, else 500.
      status =
        typeof err !== 'object' || err === null
          ? 500
          : 'getStatus' in err && typeof err.getStatus === 'function'
            ? Number(err.getStatus())
            : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
              ? err.statusCode
              : 500;
      throw err;
    } finally {
      const attributes = {
        ...metricAttributes,
        'http.request.method': 'GET',
        'http.route': '/cats/names/count',
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      };
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }
}
