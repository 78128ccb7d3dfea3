import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, names } from './__fixtures__/facts.js';

describe('typescript adapter: request handlers and route registrations', () => {
  it('turns inline Express callbacks into handlers named by method and route, with router prefixes', () => {
    const facts = factsOf(
      `
const express = require('express');
const app = express();
const orders = express.Router();
const v1 = express.Router();
orders.get('/:id', auth, async (req, res) => { res.json(await load(req.params.id)); });
orders.route('/:id/items').get(listItems).post(addItem);
v1.use('/orders', orders);
app.use('/api/v1', v1);
app.delete('/orders/:id', [auth, audit], async function (req, res) {});
app.all('/ping', (req, res) => res.send('pong'));
app.use('/static', express.static('public'));
app.get('env');
`,
      'src/app.js',
    );
    expect(names(facts)).toEqual(['GET /api/v1/orders/:id', 'DELETE /orders/:id', 'ALL /ping']);
    // The mounts of this file are folded into the routes: they name the router they lead to (`app`).
    expect(fnOf(facts, 'GET /api/v1/orders/:id').handler).toEqual({
      framework: 'express',
      route: '/api/v1/orders/:id',
      method: 'GET',
      router: 'app',
    });
    expect(fnOf(facts, 'ALL /ping').handler).toEqual({
      framework: 'express',
      route: '/ping',
      method: null,
      router: 'app',
    });
    expect(facts.routes.map((r) => [r.method, r.route, r.handler, r.line, r.router])).toEqual([
      ['GET', '/api/v1/orders/:id', 'GET /api/v1/orders/:id', 6, 'app'],
      ['GET', '/api/v1/orders/:id/items', 'listItems', 7, 'app'],
      ['POST', '/api/v1/orders/:id/items', 'addItem', 7, 'app'],
      ['DELETE', '/orders/:id', 'DELETE /orders/:id', 10, 'app'],
      [null, '/ping', 'ALL /ping', 11, 'app'],
    ]);
    expect(facts.mounts).toBeUndefined();
  });

  it('marks named handlers of the same file through their registration, unwrapping wrappers and bind', () => {
    const facts = factsOf(`
import { Router } from 'express';
import { OrdersController } from './controller.js';
const router = Router();
const controller = new OrdersController();
async function createOrder(req, res) { res.json(await save(req.body)); }
router.post('/orders', validate, asyncHandler(createOrder));
router.get('/orders/:id', controller.find.bind(controller));
export default router;
`);
    expect(fnOf(facts, 'createOrder').handler).toEqual({
      framework: 'express',
      route: '/orders',
      method: 'POST',
      router: 'router',
    });
    expect(facts.routes.map((r) => r.handler)).toEqual(['createOrder', 'OrdersController.find']);
  });

  it('names a handler factory by its callee when no argument names a function, a wrapper by its argument', () => {
    const facts = factsOf(`
import { Router } from 'express';
import { listOrders } from './list.js';
export const getOrder = (repo) => async (req, res) => { res.json(await repo.find(req.params.id)); };
export function makeHealth() { return (req, res) => res.send('ok'); }
async function createOrder(req, res) { res.json(await save(req.body)); }
export function routes(repo) {
  const router = Router();
  router.get('/orders/:id', getOrder(repo));
  router.get('/health', makeHealth());
  router.post('/orders', asyncHandler(createOrder));
  router.get('/orders', asyncHandler(listOrders));
  return router;
}
`);
    expect(facts.routes.map((r) => r.handler)).toEqual([
      'getOrder',
      'makeHealth',
      'createOrder',
      'listOrders',
    ]);
    expect(fnOf(facts, 'getOrder').handler).toEqual({
      framework: 'express',
      route: '/orders/:id',
      method: 'GET',
      router: 'routes',
    });
    expect(fnOf(facts, 'makeHealth').handler).toEqual({
      framework: 'express',
      route: '/health',
      method: 'GET',
      router: 'routes',
    });
    expect(fnOf(facts, 'createOrder').handler?.route).toBe('/orders');
  });

  it('reads Fastify shorthand routes and route objects', () => {
    const facts = factsOf(`
import Fastify from 'fastify';
const fastify = Fastify();
fastify.get('/orders/:id', { schema }, async (request, reply) => { return load(request.params.id); });
fastify.route({ method: 'POST', url: '/orders', handler: async (request, reply) => { reply.code(201); } });
fastify.route({ method: ['GET', 'HEAD'], url: '/health', async handler(request, reply) { return 'ok'; } });
`);
    expect(facts.functions.map((f) => [f.name, f.handler])).toEqual([
      ['GET /orders/:id', { framework: 'fastify', route: '/orders/:id', method: 'GET', router: 'fastify' }],
      ['POST /orders', { framework: 'fastify', route: '/orders', method: 'POST', router: 'fastify' }],
      ['ALL /health', { framework: 'fastify', route: '/health', method: null, router: 'fastify' }],
    ]);
  });

  it('reads Koa router routes with the router prefix', () => {
    const facts = factsOf(`
import Router from '@koa/router';
const router = new Router({ prefix: '/orders' });
router.get('/:id', async (ctx) => { ctx.body = await load(ctx.params.id); });
`);
    expect(fnOf(facts, 'GET /orders/:id').handler).toEqual({
      framework: 'koa',
      route: '/orders/:id',
      method: 'GET',
      router: 'router',
    });
    expect(fnOf(facts, 'GET /orders/:id').params[0]?.role).toBe('framework-context');
  });

  it('tells frameworks apart by handler parameters in a routes module that imports none', () => {
    const facts = factsOf(`
export function register(app) {
  app.get('/a', async (ctx) => {});
  app.get('/b', async (request, reply) => {});
  app.get('/c', async (req, res) => {});
}
`);
    expect(facts.functions.map((f) => [f.name, f.handler?.framework ?? null])).toEqual([
      ['register', null],
      ['GET /a', 'koa'],
      ['GET /b', 'fastify'],
      ['GET /c', 'express'],
    ]);
  });

  it('reads NestJS controller routes from decorators and registers them', () => {
    const facts = factsOf(`
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}
  @Get()
  list() { return this.orders.list(); }
  @Get(':id')
  find(@Param('id') id: string) { return this.orders.find(id); }
  @Post('/')
  create(@Body() dto: Dto) { return this.orders.create(dto); }
  helper() {}
}
@Controller({ path: 'payments' })
class PaymentsController {
  @Delete(':id') remove() {}
  @MessagePattern('payments.refund') refund() {}
}
`);
    expect(facts.functions.map((f) => [f.qualifiedName, f.handler, f.exported])).toEqual([
      ['OrdersController.constructor', null, true],
      [
        'OrdersController.list',
        { framework: 'nestjs', route: '/orders', method: 'GET', router: 'OrdersController' },
        true,
      ],
      [
        'OrdersController.find',
        { framework: 'nestjs', route: '/orders/:id', method: 'GET', router: 'OrdersController' },
        true,
      ],
      [
        'OrdersController.create',
        { framework: 'nestjs', route: '/orders', method: 'POST', router: 'OrdersController' },
        true,
      ],
      ['OrdersController.helper', null, true],
      [
        'PaymentsController.remove',
        { framework: 'nestjs', route: '/payments/:id', method: 'DELETE', router: 'PaymentsController' },
        true,
      ],
      ['PaymentsController.refund', { framework: 'nestjs', route: 'payments.refund', method: null }, true],
    ]);
    expect(facts.routes.map((r) => [r.framework, r.method, r.route, r.handler, r.line])).toEqual([
      ['nestjs', 'GET', '/orders', 'OrdersController.list', 5],
      ['nestjs', 'GET', '/orders/:id', 'OrdersController.find', 7],
      ['nestjs', 'POST', '/orders', 'OrdersController.create', 9],
      ['nestjs', 'DELETE', '/payments/:id', 'PaymentsController.remove', 15],
      ['nestjs', null, 'payments.refund', 'PaymentsController.refund', 16],
    ]);
  });

  it('reads Next.js App Router route handlers and Pages Router API routes from the path', () => {
    const app = factsOf(
      `
export async function GET(request: Request) { return Response.json(await load()); }
export const POST = async (request: Request) => new Response('ok');
export function helper() {}
`,
      'src/app/orders/[id]/route.ts',
    );
    expect(app.functions.map((f) => [f.name, f.handler])).toEqual([
      ['GET', { framework: 'nextjs', route: '/orders/[id]', method: 'GET' }],
      ['POST', { framework: 'nextjs', route: '/orders/[id]', method: 'POST' }],
      ['helper', null],
    ]);
    const pages = factsOf(
      'export default async function handler(req, res) { res.json({}); }',
      'pages/api/orders.js',
    );
    expect(fnOf(pages, 'handler').handler).toEqual({
      framework: 'nextjs',
      route: '/api/orders',
      method: null,
    });
  });

  it('reads AWS Lambda handlers and Workers fetch handlers', () => {
    expect(
      fnOf(factsOf('export const handler = async (event) => ({ statusCode: 200 });'), 'handler').handler,
    ).toEqual({
      framework: 'aws-lambda',
      route: null,
      method: null,
    });
    expect(
      fnOf(factsOf('exports.handler = async function (event) {};', 'index.js'), 'handler').handler?.framework,
    ).toBe('aws-lambda');
    const worker = factsOf(
      'export default { async fetch(request: Request, env: Env) { return new Response("x"); } };',
    );
    expect(fnOf(worker, 'fetch').handler).toEqual({ framework: 'other', route: null, method: null });
  });
});
