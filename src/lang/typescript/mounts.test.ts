import { describe, expect, it } from 'vitest';
import { functionKey, resolveHandlers } from '../../audit/handlers.js';
import type { FileFacts } from '../facts.js';
import { factsOf } from './__fixtures__/facts.js';
import { relativeModule } from './mounts.js';

const mountsOf = (facts: FileFacts) =>
  (facts.mounts ?? []).map((m) => [m.prefix, m.router.name, m.router.module, m.parent]);

/** The route the audit gives each handler of `path`, by function name, across all the files. */
function routesIn(files: FileFacts[], path: string): Record<string, string | null | undefined> {
  const resolved = resolveHandlers(files);
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path}`);
  return Object.fromEntries(
    file.functions
      .filter((fn) => fn.handler)
      .map((fn) => [
        fn.qualifiedName,
        resolved.get(functionKey(file, fn))?.handler.route ?? fn.handler?.route,
      ]),
  );
}

describe('typescript adapter: the router a route is registered on', () => {
  it('names the receiver, the router of a route() chain, and the router this file mounts it on', () => {
    const facts = factsOf(
      `
import { Router } from 'express';
export const ordersRouter = Router();
ordersRouter.get('/:id', async (req, res) => { res.json({}); });
ordersRouter.route('/').get(listOrders).post(createOrder);
const v1 = Router();
const items = Router();
items.get('/:sku', async (req, res) => { res.json({}); });
v1.use('/items', items);
this.router.get('/x', async (req, res) => {});
async function listOrders(req, res) {}
async function createOrder(req, res) {}
`,
      'src/routes/orders.ts',
    );
    expect(facts.routes.map((r) => [r.handler, r.route, r.router ?? null])).toEqual([
      ['GET /:id', '/:id', 'ordersRouter'],
      ['listOrders', '/', 'ordersRouter'],
      ['createOrder', '/', 'ordersRouter'],
      ['GET /items/:sku', '/items/:sku', 'v1'],
      ['GET /x', '/x', null],
    ]);
    expect(facts.functions.find((f) => f.name === 'listOrders')?.handler?.router).toBe('ordersRouter');
  });

  it("names a Fastify plugin's routes after the plugin function they are registered in", () => {
    const facts = factsOf(
      `
import fp from 'fastify-plugin';
async function ordersPlugin(fastify, opts) {
  fastify.get('/:id', async (request, reply) => ({}));
  fastify.route({ method: 'POST', url: '/', handler: async (request, reply) => ({}) });
}
export const itemsPlugin = async (app) => { app.get('/:sku', async (request, reply) => ({})); };
export default async function (fastify) { fastify.get('/health', async (request, reply) => 'ok'); }
export const shared = fp(async (fastify) => { fastify.get('/shared', async (request, reply) => 1); });
`,
      'src/routes/orders.ts',
    );
    expect(facts.routes.map((r) => [r.route, r.router ?? null])).toEqual([
      ['/:id', 'ordersPlugin'],
      ['/', 'ordersPlugin'],
      ['/:sku', 'itemsPlugin'],
      ['/health', 'default'],
      // fastify-plugin breaks encapsulation: a prefix given to its registration does not apply.
      ['/shared', null],
    ]);
  });
});

describe('typescript adapter: router factories', () => {
  it('names the routes of a router a function creates and returns after the function', () => {
    const facts = factsOf(
      `
import express from 'express';
export function ordersRouter(repo) {
  const router = express.Router();
  router.get('/:id', async (req, res) => res.json(await repo.find(req.params.id)));
  return router;
}
export function register(app) {
  const adminRouter = express.Router();
  adminRouter.get('/x', async (req, res) => {});
  app.use('/admin', adminRouter);
}
`,
      'src/routes/orders.ts',
    );
    expect(facts.routes.map((r) => [r.route, r.router])).toEqual([
      ['/:id', 'ordersRouter'],
      ['/x', 'adminRouter'],
    ]);
    // A mount inside a function is a fact too (this file's folding reads the top level only).
    expect(mountsOf(facts)).toEqual([['/admin', 'adminRouter', null, 'register']]);
    const app = factsOf(
      `import express from 'express';
import { ordersRouter } from './routes/orders.js';
const app = express();
app.use('/orders', ordersRouter(repo));
app.use(cors());
`,
      'src/app.ts',
    );
    expect(mountsOf(app)).toEqual([['/orders', 'ordersRouter', 'src/routes/orders', 'app']]);
    expect(routesIn([app, facts], 'src/routes/orders.ts')).toEqual({
      'GET /:id': '/orders/:id',
      'GET /x': '/admin/x',
    });
  });
});

describe('typescript adapter: router mounts', () => {
  it('resolves mounted routers through relative imports (ESM and CommonJS) to their defining module', () => {
    const facts = factsOf(
      `
import express from 'express';
import { ordersRouter } from './routes/orders.js';
import users from './routes/users';
import * as admin from '../admin/index.mjs';
import helmet from 'helmet';
const { health } = require('./health.cjs');
const billing = require('./routes/billing');
const legacy = require('./routes/legacy').router;
export function createApp() {
  const app = express();
  app.use(express.json());
  app.use(helmet());
  app.use('/api/orders', ordersRouter);
  app.use('/users', auth, users);
  app.use('/admin', admin.router);
  app.use('/billing', billing);
  app.use('/legacy', legacy);
  app.use('/health', health);
  app.use('/reports', require('./routes/reports'));
  app.use(require('./routes/misc').router);
  return app;
}
`,
      'src/app.ts',
    );
    expect(mountsOf(facts)).toEqual([
      ['/api/orders', 'ordersRouter', 'src/routes/orders', 'app'],
      ['/users', 'default', 'src/routes/users', 'app'],
      ['/admin', 'router', 'admin/index', 'app'],
      ['/billing', 'default', 'src/routes/billing', 'app'],
      ['/legacy', 'router', 'src/routes/legacy', 'app'],
      ['/health', 'health', 'src/health', 'app'],
      ['/reports', 'default', 'src/routes/reports', 'app'],
      ['', 'router', 'src/routes/misc', 'app'],
    ]);
    expect(facts.mounts?.[0]?.line).toBe(14);
  });

  it("folds this file's own mounts: an imported router mounted on a local one takes its prefix", () => {
    const facts = factsOf(
      `
const express = require('express');
const { ordersRouter } = require('./orders');
const app = express();
const api = express.Router();
const local = express.Router();
local.get('/ping', (req, res) => res.send('pong'));
api.use('/local', local);
api.use('/orders', ordersRouter);
app.use('/api', api);
module.exports = app;
`,
      'src/app.js',
    );
    // `local` into `api` into `app` is folded into the route; the imported router's mount is a fact.
    expect(facts.routes.map((r) => [r.route, r.router])).toEqual([['/api/local/ping', 'app']]);
    expect(mountsOf(facts)).toEqual([
      ['/api/orders', 'ordersRouter', 'src/orders', 'app'],
      ['', 'app', null, 'default'],
    ]);
  });

  it('mounts a router exported under another name on that name', () => {
    const cases: [string, string[]][] = [
      ['export default router;', ['default']],
      ['module.exports = router;', ['default']],
      ['export = router;', ['default']],
      ['export { router as ordersRouter, router as default };', ['ordersRouter', 'default']],
      ['module.exports = { ordersRouter: router, other };', ['ordersRouter']],
      ['exports.ordersRouter = router;', ['ordersRouter']],
      ['export { router };', []],
    ];
    for (const [exported, names] of cases) {
      const facts = factsOf(
        `import { Router } from 'express';\nconst router = Router();\nrouter.get('/:id', async (req, res) => {});\n${exported}\n`,
        'src/routes/orders.ts',
      );
      expect(mountsOf(facts), exported).toEqual(names.map((name) => ['', 'router', null, name]));
    }
  });

  it('reads koa-router mounts of .routes(), with the parent router prefix', () => {
    const facts = factsOf(
      `
import Koa from 'koa';
import Router from '@koa/router';
import orders from './routes/orders.js';
import { users } from './routes/users.js';
const app = new Koa();
const api = new Router({ prefix: '/api' });
api.use('/orders', orders.routes(), orders.allowedMethods());
api.use(users.routes());
app.use(api.routes());
`,
      'src/server.ts',
    );
    expect(mountsOf(facts)).toEqual([
      ['/api/orders', 'default', 'src/routes/orders', 'api'],
      ['/api', 'users', 'src/routes/users', 'api'],
      ['', 'api', null, 'app'],
    ]);
  });

  it('reads Fastify registrations with a prefix, and leaves those it cannot read', () => {
    const facts = factsOf(
      `
import Fastify from 'fastify';
import ordersPlugin from './routes/orders.js';
async function itemsPlugin(fastify) {
  fastify.get('/:sku', async (request, reply) => ({}));
}
async function api(fastify) {
  fastify.register(itemsPlugin, { prefix: '/items' });
  fastify.register(async (inner) => {
    inner.get('/ping', async (request, reply) => 'pong');
  }, { prefix: '/inline' });
}
const app = Fastify();
app.register(api, { prefix: '/api' });
app.register(ordersPlugin, { prefix: '/orders' });
app.register(import('./routes/users.js'), { prefix: '/users' });
app.register(require('./routes/billing'));
app.register(ordersPlugin, opts);
app.register(ordersPlugin, { prefix: base });
`,
      'src/server.ts',
    );
    expect(mountsOf(facts)).toEqual([
      ['/items', 'itemsPlugin', null, 'api'],
      ['/inline', '(plugin at 9:20)', null, 'api'],
      ['/api', 'api', null, 'app'],
      ['/orders', 'default', 'src/routes/orders', 'app'],
      ['/users', 'default', 'src/routes/users', 'app'],
      ['', 'default', 'src/routes/billing', 'app'],
    ]);
    expect(facts.routes.map((r) => [r.route, r.router])).toEqual([
      ['/:sku', 'itemsPlugin'],
      ['/ping', '(plugin at 9:20)'],
    ]);
  });

  it("reads NestJS's global prefix and module graph", () => {
    const main = factsOf(
      `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  await app.listen(3000);
}
bootstrap();
`,
      'src/main.ts',
    );
    expect(mountsOf(main)).toEqual([['/api', 'AppModule', 'src/app.module', null]]);
    const appModule = factsOf(
      `
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { OrdersModule } from './orders/orders.module';
import { HealthController } from './health.controller';
@Module({ imports: [ConfigModule.forRoot(), OrdersModule], controllers: [HealthController] })
export class AppModule {}
`,
      'src/app.module.ts',
    );
    expect(mountsOf(appModule)).toEqual([
      ['', 'HealthController', 'src/health.controller', 'AppModule'],
      ['', 'OrdersModule', 'src/orders/orders.module', 'AppModule'],
    ]);
  });

  it('resolves specifiers against the importing file, without extension, never outside the root', () => {
    expect(relativeModule('src/app.ts', './routes/orders.js')).toBe('src/routes/orders');
    expect(relativeModule('src/api/v1/index.ts', '../../routes/orders')).toBe('src/routes/orders');
    expect(relativeModule('src/app.ts', './routes')).toBe('src/routes');
    expect(relativeModule('app.js', '../outside.js')).toBeNull();
    expect(relativeModule('src/app.ts', 'express')).toBeNull();
    expect(relativeModule('src/app.ts', '@/routes/orders')).toBeNull();
  });
});

describe('typescript adapter: routes behind mounts in other files (with the audit join)', () => {
  it('Express: app → API router (default export) → orders router, inline and named handlers', () => {
    const files = [
      factsOf(
        `import express from 'express';\nimport api from './routes/index.js';\nconst app = express();\napp.use('/api', api);\n`,
        'src/app.ts',
      ),
      factsOf(
        `import { Router } from 'express';\nimport { ordersRouter } from './orders.js';\nconst router = Router();\nrouter.use('/orders', ordersRouter);\nexport default router;\n`,
        'src/routes/index.ts',
      ),
      factsOf(
        `import { Router } from 'express';
export const ordersRouter = Router();
ordersRouter.get('/:id', async (req, res) => { res.json({}); });
ordersRouter.post('/', createOrder);
async function createOrder(req, res) { res.status(201).json({}); }
`,
        'src/routes/orders.ts',
      ),
    ];
    expect(routesIn(files, 'src/routes/orders.ts')).toEqual({
      'GET /:id': '/api/orders/:id',
      createOrder: '/api/orders',
    });
  });

  it('CommonJS: module.exports = router, mounted through require', () => {
    const files = [
      factsOf(
        `const express = require('express');\nconst app = express();\napp.use('/orders', require('./routes/orders'));\n`,
        'app.js',
      ),
      factsOf(
        `const router = require('express').Router();\nrouter.get('/:id', (req, res) => res.json({}));\nmodule.exports = router;\n`,
        'routes/orders.js',
      ),
    ];
    expect(routesIn(files, 'routes/orders.js')).toEqual({ 'GET /:id': '/orders/:id' });
  });

  it('Fastify: a plugin module registered with a prefix', () => {
    const files = [
      factsOf(
        `import Fastify from 'fastify';\nimport orders from './routes/orders.js';\nconst app = Fastify();\napp.register(orders, { prefix: '/orders' });\n`,
        'src/server.ts',
      ),
      factsOf(
        `import type { FastifyInstance } from 'fastify';
export default async function ordersPlugin(fastify: FastifyInstance) {
  fastify.get('/:id', async (request, reply) => ({}));
  fastify.register(async (admin) => {
    admin.delete('/:id', async (request, reply) => ({}));
  }, { prefix: '/admin' });
}
`,
        'src/routes/orders.ts',
      ),
    ];
    expect(routesIn(files, 'src/routes/orders.ts')).toEqual({
      'GET /:id': '/orders/:id',
      'DELETE /:id': '/orders/admin/:id',
    });
  });

  it('Koa: a router with its own prefix, nested in a prefixed router of another file', () => {
    const files = [
      factsOf(
        `import Router from '@koa/router';\nimport orders from './orders.js';\nexport const api = new Router({ prefix: '/api' });\napi.use('/v1', orders.routes());\n`,
        'src/routes/api.ts',
      ),
      factsOf(
        `import Router from '@koa/router';\nconst router = new Router({ prefix: '/orders' });\nrouter.get('/:id', async (ctx) => { ctx.body = {}; });\nexport default router;\n`,
        'src/routes/orders.ts',
      ),
    ];
    expect(routesIn(files, 'src/routes/orders.ts')).toEqual({ 'GET /orders/:id': '/api/v1/orders/:id' });
  });

  it('NestJS: the global prefix reaches every controller through the module graph', () => {
    const files = [
      factsOf(
        `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('/api/');\n  await app.listen(3000);\n}\n`,
        'src/main.ts',
      ),
      factsOf(
        `import { Module } from '@nestjs/common';\nimport { OrdersModule } from './orders/orders.module';\n@Module({ imports: [OrdersModule] })\nexport class AppModule {}\n`,
        'src/app.module.ts',
      ),
      factsOf(
        `import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\n@Module({ controllers: [OrdersController] })\nexport class OrdersModule {}\n`,
        'src/orders/orders.module.ts',
      ),
      factsOf(
        `import { Controller, Get, Param } from '@nestjs/common';
@Controller('orders')
export class OrdersController {
  @Get(':id')
  async find(@Param('id') id: string) { return { id }; }
}
`,
        'src/orders/orders.controller.ts',
      ),
    ];
    expect(routesIn(files, 'src/orders/orders.controller.ts')).toEqual({
      'OrdersController.find': '/api/orders/:id',
    });
  });
});
