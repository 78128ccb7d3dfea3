import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { typescriptMetricsPlanner } from './planner.js';
import { metricsRequestFor, planMetricsText } from './testing/plan-metrics-text.js';

const path = 'src/routes.js';
const plan = (text: string, options: Partial<Parameters<typeof planMetricsText>[1]> = {}) => {
  const { result } = planMetricsText(text, { path, packageName: 'shop', ...options });
  return { result, output: applyEdits(path, text, result.edits) };
};

describe('typescriptMetricsPlanner', () => {
  it('bounds a method read from the request: one outside the HTTP standard is recorded as _OTHER', () => {
    const text = `import express from 'express';
const router = express.Router();
router.all('/ping', (req, res) => res.send('pong'));
`;
    const { output } = plan(text);
    expect(output).toContain('requestAttributes(req.method, ');
    // Run the generated helper itself, as the module declares it.
    const helper = /\nfunction requestAttributes\([\s\S]*?\n\}\n/.exec(output)?.[0];
    expect(helper).toBeDefined();
    const requestAttributes = new Function('metricAttributes', `${helper}\nreturn requestAttributes;`)({
      environment: 'test',
    }) as (method: string | undefined, route: string, status: number | null) => Record<string, unknown>;
    expect(requestAttributes('BREW', '/ping', 200)['http.request.method']).toBe('_OTHER');
    expect(requestAttributes(undefined, '/ping', 200)['http.request.method']).toBe('_OTHER');
    expect(requestAttributes('PATCH', '/ping', 503)).toEqual({
      environment: 'test',
      'http.request.method': 'PATCH',
      'http.route': '/ping',
      'http.response.status_code': 503,
      'error.type': '503',
    });
  });

  it('picks fresh names when the handler already uses the preferred ones', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/a', (req, res) => {
  const requestStart = Date.now();
  const status = 'ok';
  res.json({ requestStart, status });
});
`;
    const { output } = plan(text);
    expect(output).toContain('const otelRequestStart = performance.now();');
    expect(output).toContain(
      "const attributes = requestAttributes('GET', '/a', completed ? res.statusCode : null);",
    );
    expect(output).toContain('(performance.now() - otelRequestStart) / 1000');
  });

  it("follows the file's quotes and semicolons", () => {
    const text = `import express from "express"
const router = express.Router()
router.post("/b", async (req, res) => {
  res.status(202).json({})
})
`;
    const { output } = plan(text);
    expect(output).toContain('import { metrics } from "@opentelemetry/api"\n');
    expect(output).toContain(`requestAttributes("POST", "/b", completed ? res.statusCode : null)\n`);
    expect(output).toContain('res.once("finish", () => recordRequest(true))\n');
    expect(output).not.toMatch(/;\n/);
  });

  it('names instruments by the standards template and reports required attributes it has no value for', () => {
    const standards = defaultStandards();
    standards.metrics.name_template = '{subsystem}_{metric}';
    standards.metrics.required_attributes = ['service.version', 'team'];
    standards.service.version_variable = 'APP-VERSION';
    const text = `import express from 'express';
const router = express.Router();
router.get('/c', (req, res) => {
  res.json({});
});
`;
    const { result, output } = plan(text, { standards });
    expect(output).toContain("meter.createHistogram('shop_request.duration', {");
    expect(output).toContain("meter.createCounter('shop_requests', {");
    expect(output).toContain("'service.version': process.env['APP-VERSION'] ?? 'unknown',\n};");
    expect(output).not.toContain('DEPLOYMENT_ENVIRONMENT');
    expect(result.planned[0]?.summary).toContain('no value source for team');
  });

  it('falls back to the function name for http.route when no registration gives the route, and says so', () => {
    const text = `import express from 'express';
const router = express.Router();
export function showCart(req, res) {
  res.json({});
}
router.get('/carts/:id', showCart);
`;
    const request = metricsRequestFor(text, { path, packageName: 'shop' });
    const target = request.targets[0];
    expect(target?.fn.handler).not.toBeNull();
    if (!target?.fn.handler) return;
    target.fn = { ...target.fn, handler: { ...target.fn.handler, route: null, method: null } };
    const result = typescriptMetricsPlanner.plan(request);
    const output = applyEdits(path, text, result.edits);
    expect(output).toContain("requestAttributes(req.method, 'showCart', completed ? res.statusCode : null);");
    expect(result.planned[0]?.summary).toContain('http.route is the function name showCart');
  });

  it('declares the instruments once for several handlers and never inside a handler', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/d', (req, res) => res.json({}));
router.put('/d/:id', async (req, res) => {
  res.sendStatus(204);
});
`;
    const { result, output } = plan(text);
    expect(result.planned).toHaveLength(2);
    expect(output.match(/createHistogram\(/g)).toHaveLength(1);
    expect(output.match(/createCounter\(/g)).toHaveLength(1);
    expect(output.match(/getMeter\(/g)).toHaveLength(1);
    expect(output.indexOf('createCounter')).toBeLessThan(output.indexOf("router.get('/d'"));
  });

  it('skips files with syntax errors', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/e', (req, res) => {
  res.json({ a: });
});
`;
    const { result } = plan(text);
    expect(result.edits).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['the file has syntax errors; fix them first']);
  });

  it('plans a Fastify handler nested in another planned one on the next run, not in this one', () => {
    const text = `import Fastify from 'fastify';
const app = Fastify();
app.get('/outer', async (request, reply) => {
  app.get('/inner', async (req, res) => {
    return 1;
  });
  return 2;
});
`;
    const { result, output } = plan(text);
    expect(result.planned.map((p) => p.function)).toEqual(['GET /outer']);
    expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
      ['GET /inner', 'it is nested in a handler planned in this run; run instrument again'],
    ]);
    const again = plan(output);
    expect(again.result.planned.map((p) => p.function)).toEqual(['GET /inner']);
  });

  it('reuses the meter, instruments and attributes it declared before when a handler is added later', () => {
    const first = plan(`import express from 'express';
const router = express.Router();
router.get('/f', (req, res) => {
  res.json({});
});
`).output;
    const later = `${first}
router.delete('/f/:id', (req, res) => {
  res.sendStatus(204);
});
`;
    const { result, output } = plan(later);
    expect(result.planned.map((p) => p.function)).toEqual(['DELETE /f/:id']);
    expect(result.planned[0]?.summary).toContain('reuses requestDuration, reuses requestCount');
    expect(
      output.match(
        /getMeter\(|createHistogram\(|createCounter\(|const metricAttributes|function requestAttributes/g,
      ),
    ).toHaveLength(5);
    expect(output).toContain("requestAttributes('DELETE', '/f/:id', completed ? res.statusCode : null);");
  });

  describe('handler factories', () => {
    it('records inside the function a factory returns, with its parameters, curried or not', () => {
      const text = `const Router = require('@koa/router');
const Fastify = require('fastify');
const showItem = (store) => (options) => async (ctx) => {
  ctx.body = await store.load(ctx.params.id, options);
};
function makeEcho(prefix) {
  return async (request, reply) => {
    reply.code(200);
    return prefix + request.body;
  };
}
const router = new Router();
router.get('/items/:id', showItem(store)({ fresh: true }));
const app = Fastify();
app.post('/echo', makeEcho('> '));
`;
      const { result, output } = plan(text);
      expect(result.skipped).toEqual([]);
      expect(result.planned.map((p) => [p.function, p.summary.split(';')[0]])).toEqual([
        [
          'showItem',
          "in the function the factory returns: duration and request count recorded when the handler settles (finally), GET /items/:id, http.route koa-router's matched template when it has one",
        ],
        [
          'makeEcho',
          "in the function the factory returns: duration and request count recorded when the handler settles (finally), POST /echo, http.route Fastify's matched template when it has one",
        ],
      ]);
      expect(output).toContain(`const showItem = (store) => (options) => async (ctx) => {
  const requestStart = performance.now();`);
      expect(output).toContain(`  return async (request, reply) => {
    const requestStart = performance.now();`);
      expect(output).toContain('const status = thrownStatus || reply.statusCode;');
      const again = plan(output);
      expect(again.result.planned).toEqual([]);
      expect(again.output).toBe(output);
    });

    it('skips a wrapper that calls the handler it is given (it serves every route it wraps)', () => {
      const text = `import express from 'express';
const asyncHandler = (fn) => (req, res, next) => {
  Promise.resolve(fn(req, res, next)).catch(next);
};
export function routes(list) {
  const router = express.Router();
  router.get('/orders', asyncHandler(list));
  return router;
}
`;
      const { result } = plan(text);
      expect(result.planned).toEqual([]);
      expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
        [
          'asyncHandler',
          'it wraps the function it is given (asyncHandler-style), so it serves every route it wraps; record in the handlers it wraps instead',
        ],
      ]);
    });
  });

  describe('Fastify', () => {
    it('skips a sync handler that may return a promise: finally would record before it settles', () => {
      const { result } = plan(`import Fastify from 'fastify';
const app = Fastify();
app.get('/items', (request, reply) => loadItems(request.query));
app.get('/sent', (request, reply) => reply.code(204).send());
`);
      expect(result.planned.map((p) => p.function)).toEqual(['GET /sent']);
      expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
        [
          'GET /items',
          'it is not async and may return a promise (`loadItems(request.query)`) that the recording would not wait for; make the handler async, then run again',
        ],
      ]);
    });
  });

  describe('Koa', () => {
    it('skips generators and handlers without a named ctx', () => {
      const text = `const Router = require('koa-router');
const router = new Router();
function* legacy(ctx) {
  ctx.body = yield load();
}
router.get('/legacy', legacy);
router.get('/destructured', async ({ params, response }) => {
  response.body = params;
});
module.exports = router;
`;
      const { result } = plan(text);
      expect(result.planned).toEqual([]);
      expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
        ['legacy', 'generator functions are not planned (Koa 1 middleware yields, it does not return)'],
        ['GET /destructured', 'the handler has no named context parameter to read the status from'],
      ]);
    });

    it('keeps a sync handler that may return a promise sync, recording when what it returns settles', () => {
      const text = `const Router = require('koa-router')
const router = new Router()
router.get('/forward', (ctx, next) => {
  ctx.set('x-forwarded', '1')
  if (ctx.query.skip) return ctx.state.count++, next()
  if (ctx.query.none) return 'none'
  return next()
})
router.get('/short', (ctx, next) => next())
module.exports = router
`;
      const { result, output } = plan(text);
      expect(result.planned.map((p) => p.function)).toEqual(['GET /forward', 'GET /short']);
      expect(result.planned[0]?.summary).toMatch(
        /^duration and request count recorded when the promise the handler may return settles, else when it returns or throws, GET \/forward, http.route koa-router's matched template when it has one;/,
      );
      // Plain JavaScript: no annotations, the file's missing semicolons, and no async anywhere.
      expect(output).toContain(`function settled(value, onPending, onSettled) {
  if (typeof value?.then !== 'function') return value
  onPending()
  return value.then(
    (result) => {
      onSettled(false)
      return result
    },
    (err) => {
      onSettled(true, err)
      throw err
    },
  )
}
`);
      expect(output).toContain(`  let settling = false
  const recordRequest = (rejected = false, err) => {
    if (rejected) thrownStatus = koaResponseStatus(err)
    // Once the headers are sent, the status cannot change any more.
    const status = thrownStatus && !ctx.headerSent ? thrownStatus : ctx.status
    const attributes = requestAttributes(
      'GET',
      typeof matchedRoute === 'string' ? matchedRoute : '/forward',
      status,
    )
    requestDuration.record((performance.now() - requestStart) / 1000, attributes)
    requestCount.add(1, attributes)
  }
  try {
    ctx.set('x-forwarded', '1')
    if (ctx.query.skip) return settled((ctx.state.count++, next()), () => (settling = true), recordRequest)
    if (ctx.query.none) return 'none'
    return settled(next(), () => (settling = true), recordRequest)
  } catch (err) {
    thrownStatus = koaResponseStatus(err)
    throw err
  } finally {
    if (!settling) recordRequest()
  }
})`);
      // Declared once for the module, however many handlers use them.
      expect(output.match(/function (settled|koaResponseStatus|requestAttributes)\(/g)).toHaveLength(3);
      // A handler added later reuses the helpers an earlier run declared.
      const later = plan(`${output}router.get('/later', (ctx, next) => next())\n`).output;
      expect(later.match(/^function /gm)).toHaveLength(3);
      expect(later.match(/settled\(next\(\), \(\) => \(settling = true\), recordRequest\)/g)).toHaveLength(3);
      expect(later).toContain(`  try {
    return settled(next(), () => (settling = true), recordRequest)
  } catch (err) {
    thrownStatus = koaResponseStatus(err)`);
      expect(output).toContain(`  try {
    return settled(next(), () => (settling = true), recordRequest)
  } catch (err) {`);
      expect(output).not.toContain('async');
      const again = plan(output);
      expect(again.result.planned).toEqual([]);
      expect(again.output).toBe(output);
    });

    it('plans a sync handler that returns no promise, reads the method of router.all from ctx, and is idempotent', () => {
      const text = `import Router from '@koa/router';
const router = new Router({ prefix: '/v1' });
router.all('/ping', (context) => {
  context.body = 'pong';
});
export default router;
`;
      const { result, output } = plan(text);
      expect(result.planned.map((p) => p.function)).toEqual(['ALL /v1/ping']);
      expect(output).toContain(`requestAttributes(
      context.method,
      typeof matchedRoute === 'string' ? matchedRoute : '/v1/ping',
      status,
    );`);
      expect(output).toContain(
        'const status = thrownStatus && !context.headerSent ? thrownStatus : context.status;',
      );
      expect(output).not.toContain('async');
      const again = plan(output);
      expect(again.result.planned).toEqual([]);
      expect(again.output).toBe(output);
    });
  });

  describe('NestJS', () => {
    const controller = (
      members: string,
    ) => `import { Controller, Get, HttpCode, Post, Redirect, Res } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: { list(): Promise<string[]>; notify(d: unknown): Promise<void> }) {}
${members}
}
`;
    const nestPlan = (members: string) =>
      plan(controller(members), { path: 'src/orders/orders.controller.ts' });

    it('takes the status Nest sends on success from @HttpCode, @Redirect, or the method', () => {
      const { result, output } = nestPlan(`
  @Post('import')
  @HttpCode(202)
  async import(): Promise<void> {
    await this.orders.notify('import');
  }

  @Get('docs')
  @Redirect('https://docs.example.com', 301)
  async docs() {
    return undefined;
  }

  @Get('legacy')
  @Redirect('https://example.com/orders')
  async legacy() {
    return undefined;
  }

  @Post()
  async create() {
    await this.orders.notify('create');
  }
`);
      expect(result.skipped).toEqual([]);
      expect(output.match(/let status = \d+;/g)).toEqual([
        'let status = 202;',
        'let status = 301;',
        'let status = 302;',
        'let status = 201;',
      ]);
      expect(result.planned.map((p) => p.summary.split(';')[0])).toEqual([
        'duration and request count recorded when the method settles (finally), POST /orders/import (@HttpCode: 202)',
        'duration and request count recorded when the method settles (finally), GET /orders/docs (@Redirect: 301)',
        'duration and request count recorded when the method settles (finally), GET /orders/legacy (@Redirect: 302)',
        'duration and request count recorded when the method settles (finally), POST /orders',
      ]);
    });

    it('skips methods whose status it cannot know, and message handlers', () => {
      const { result } = nestPlan(`
  @Get()
  list() {
    return this.orders.list();
  }

  @Get('raw')
  raw(@Res() res: { status(n: number): { send(b: string): void } }) {
    res.status(200).send('x');
  }

  @Post('computed')
  @HttpCode(process.env.ASYNC ? 202 : 201)
  async computed() {
    await this.orders.notify('x');
  }

  @MessagePattern('orders.created')
  async created(data: unknown) {
    await this.orders.notify(data);
  }
`);
      expect(result.planned.map((p) => p.function)).toEqual(['OrdersController.list']);
      expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
        [
          'OrdersController.raw',
          "it takes the response object (@Res()/@Next()), so the status sent is the method's, not Nest's; record in an interceptor instead",
        ],
        ['OrdersController.computed', 'its @HttpCode()/@Redirect() status is not a number or a constant'],
        ['OrdersController.created', 'it handles messages or GraphQL operations, not HTTP requests'],
      ]);
    });

    it('keeps a sync method that returns a promise sync and types what it returns as declared', () => {
      const { result, output } = nestPlan(`
  @Get()
  findAll(): Promise<string[]> {
    return this.orders.list();
  }

  @Get('none')
  none() {
    if (Math.random() > 2) return [];
    return this.orders.list();
  }
`);
      expect(result.skipped).toEqual([]);
      expect(result.planned.map((p) => p.function)).toEqual([
        'OrdersController.findAll',
        'OrdersController.none',
      ]);
      expect(output).not.toMatch(/async (findAll|none)/);
      expect(output).toContain('function settled<T>(\n');
      expect(output).toContain('  ) as T;\n');
      expect(output).toContain(
        '      return settled(this.orders.list(), () => (settling = true), recordRequest);\n',
      );
      // A literal is never a promise: it is returned as it is, and recorded by finally.
      expect(output).toContain('      if (Math.random() > 2) return [];\n');
      expect(output).toContain('      if (!settling) recordRequest();\n');
      const again = plan(output, { path: 'src/orders/orders.controller.ts' });
      expect(again.result.planned).toEqual([]);
      expect(again.result.skipped).toEqual([]);
      expect(again.output).toBe(output);
    });

    it('plans a sync method whose declared return type is not a promise', () => {
      const { result, output } = nestPlan(`
  @Get('version')
  version(): { version: string } {
    return { version: '1' };
  }
`);
      expect(result.planned.map((p) => p.function)).toEqual(['OrdersController.version']);
      expect(output).toContain("      return { version: '1' };\n    } catch (err) {");
    });
  });

  describe('Next.js App Router', () => {
    const route = (text: string) => plan(text, { path: 'src/app/api/orders/route.ts' });

    it('reads the status of each returned Response; a bare return or the end of the body leaves 500', () => {
      const { result, output } = route(`export async function GET(request: Request) {
  const cached = lookup(request.url);
  if (cached) return cached;
  if (request.headers.get('x-skip')) return;
  return Response.json(await load());
}

export async function POST(request: Request) {
  await store(await request.json());
}

export async function DELETE() { return new Response(null, { status: 204 }); }
`);
      expect(result.planned.map((p) => p.function)).toEqual(['GET', 'POST', 'DELETE']);
      expect(output).not.toContain('\u0000');
      expect(output).toContain(`    if (cached) {
      status = cached.status;
      return cached;
    }
    if (request.headers.get('x-skip')) {
      return;
    }
    const response = Response.json(await load());
    status = response.status;
    return response;
  } catch (err) {`);
      expect(output).toContain(`    await store(await request.json());
  } catch (err) {`);
      // A body written on one line: the bound return's statements get lines of their own, unawaited.
      expect(output).toContain(`  try {
    const response = new Response(null, { status: 204 });
    status = response.status;
    return response;
  } catch (err) {`);
      const again = route(output);
      expect(again.result.planned).toEqual([]);
    });

    it('plans a sync handler the span pass wrapped when its span callback is sync too', () => {
      const { result, output } = route(`import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('shop');

export function HEAD() {
  return tracer.startActiveSpan('shop.HEAD', (span) => {
    try {
      return new Response(null, { status: 200 });
    } finally {
      span.end();
    }
  });
}

export function GET() {
  return tracer.startActiveSpan('shop.GET', async (span) => {
    try {
      return Response.json(await load());
    } finally {
      span.end();
    }
  });
}
`);
      expect(result.planned.map((p) => p.function)).toEqual(['HEAD']);
      expect(output).toContain("    const response = tracer.startActiveSpan('shop.HEAD', (span) => {");
      expect(result.skipped.map((s) => s.function)).toEqual(['GET']);
    });

    it('skips handlers that are not async but return a promise, and handlers that return no Response', () => {
      const { result } = route(`export function GET() {
  return fetch('https://upstream.example.com/orders');
}

export async function POST() {
  return { ok: true };
}
`);
      expect(result.planned).toEqual([]);
      expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
        [
          'GET',
          "it is not async and may return a promise (`fetch('https://upstream.example.com/o...`) that the recording would not wait for; make the handler async, then run again",
        ],
        ['POST', 'it returns a value that is not a Response'],
      ]);
    });
  });
});
