import { describe, expect, it } from 'vitest';
import { factsOf, fnOf } from './__fixtures__/facts.js';

function io(body: string, imports = '') {
  const fn = fnOf(factsOf(`${imports}\nexport async function f(req, id, db, repo) {\n${body}\n}`), 'f');
  return fn.ioCalls.map((c) => [c.callee, c.kind]);
}

describe('typescript adapter: I/O evidence', () => {
  it('sees HTTP clients', () => {
    expect(
      io(
        `await fetch('https://x'); await axios.get(u); await got.post(u); http.request(o); await request(u); this.http.get(u);`,
        `import axios from 'axios';\nimport got from 'got';\nimport http from 'node:http';\nimport { request } from 'undici';`,
      ),
    ).toEqual([
      ['fetch', 'http'],
      ['axios.get', 'http'],
      ['got.post', 'http'],
      ['http.request', 'http'],
      ['request', 'http'],
      ['this.http.get', 'http'],
    ]);
    expect(io('http.createServer(handler);', `import http from 'node:http';`)).toEqual([]);
  });

  it('sees databases: drivers, ORMs, query builders and models', () => {
    expect(
      io(
        `await pool.query('select 1');
await prisma.order.findMany();
await this.prisma.order.create({});
await knex('orders').where({ id }).first();
await db.collection('orders').findOne({ id });
await Order.findById(id);
await this.orderRepository.save(order);
await repository.findOneBy({ id });
await sql\`select 1\`;
await dynamo.send(new GetItemCommand({}));`,
      ),
    ).toEqual([
      ['pool.query', 'database'],
      ['prisma.order.findMany', 'database'],
      ['this.prisma.order.create', 'database'],
      ['knex().where().first', 'database'],
      ['db.collection().findOne', 'database'],
      ['Order.findById', 'database'],
      ['this.orderRepository.save', 'database'],
      ['repository.findOneBy', 'database'],
      ['sql', 'database'],
      ['dynamo.send', 'database'],
    ]);
  });

  it('sees the filesystem, caches, queues and subprocesses', () => {
    expect(
      io(
        `await fs.readFile(p); await readFile(p); await fsp.writeFile(p, d);
await redis.get(k); await this.cache.set(k, v);
await producer.send({ topic }); channel.publish(ex, key, buf); await sqs.send(new SendMessageCommand({}));
exec('ls'); await execa('git', ['status']);`,
        `import fs from 'node:fs';
import { readFile } from 'fs/promises';
import * as fsp from 'node:fs/promises';
import { exec } from 'node:child_process';
import { execa } from 'execa';`,
      ),
    ).toEqual([
      ['fs.readFile', 'filesystem'],
      ['readFile', 'filesystem'],
      ['fsp.writeFile', 'filesystem'],
      ['redis.get', 'cache'],
      ['this.cache.set', 'cache'],
      ['producer.send', 'queue'],
      ['channel.publish', 'queue'],
      ['sqs.send', 'queue'],
      ['exec', 'subprocess'],
      ['execa', 'subprocess'],
    ]);
  });

  it('sees imported dependencies, and fields a class is given, but not plain data or logging', () => {
    expect(
      io(
        `await mailer.send(id);
await sendInvoice(id);
await this.payments.charge(id);
this.inventory.reserve(id);
this.logger.info('x');
this.items.push(id);
this.validate(id);
const n = Object.keys(req).length;
await helper(id);
JSON.stringify(req);`,
        `import mailer from './mailer.js';
import { sendInvoice } from './invoices.js';
async function helper(x) {}`,
      ),
    ).toEqual([
      ['mailer.send', 'dependency'],
      ['sendInvoice', 'dependency'],
      ['this.payments.charge', 'dependency'],
      // A method of the same class: the audit counts it only if that method does I/O.
      ['this.validate', 'internal'],
    ]);
  });

  it('does not take a typed value the class holds for a service', () => {
    const ts = factsOf(`
export class Parser {
  constructor(private readonly input: Input, private readonly catalog: CatalogService) {}
  position(offset: number) {
    const at = this.input.fromOffset(offset);
    return this.catalog.lookup(at);
  }
}`);
    expect(fnOf(ts, 'Parser.position').ioCalls.map((c) => c.callee)).toEqual(['this.catalog.lookup']);
  });

  it('knows what injected fields are from their declared types, or from the constructor in JavaScript', () => {
    const ts = factsOf(`
export class Checkout {
  constructor(
    private readonly orders: Repository<Order>,
    private readonly inventory: InventoryClient,
    private readonly logger: Logger,
    private readonly store: RedisClientType,
  ) {}
  reserve(id: string) {
    this.inventory.reserve(id);
    this.logger.info('reserving');
    this.store.get(id);
    return this.orders.find({ where: { id } });
  }
}`);
    expect(fnOf(ts, 'Checkout.reserve').ioCalls.map((c) => [c.callee, c.kind])).toEqual([
      ['this.inventory.reserve', 'dependency'],
      ['this.store.get', 'cache'],
      ['this.orders.find', 'database'],
    ]);
    const js = factsOf(
      `
class Checkout {
  constructor(inventory, prefix) {
    this.inventory = inventory;
    this.prefix = prefix;
    this.input = '';
  }
  reserve(id) {
    this.inventory.reserve(this.prefix.trim() + id);
    return this.input.charCodeAt(0);
  }
}`,
      'checkout.js',
    );
    expect(fnOf(js, 'Checkout.reserve').ioCalls.map((c) => [c.callee, c.kind])).toEqual([
      ['this.inventory.reserve', 'dependency'],
    ]);
  });

  it('gives each call its line', () => {
    const fn = fnOf(
      factsOf('export async function f() {\n  await fetch("a");\n\n  await fetch("b");\n}'),
      'f',
    );
    expect(fn.ioCalls.map((c) => c.line)).toEqual([2, 4]);
  });
});
