import { describe, expect, it } from 'vitest';
import { factsOf, fnOf, names } from './__fixtures__/facts.js';

describe('typescript adapter: which functions exist and what they are called', () => {
  it('names declarations, bound expressions, class members and exported objects', () => {
    const facts = factsOf(`
export function a() {}
const b = async (x: number) => x;
const c = function () {};
let d = function named() {};
class Service {
  constructor(private readonly repo: Repo) {}
  get size() { return 1; }
  set size(v: number) {}
  async load() {}
  static create() {}
  #hidden() {}
  handle = async (req: Request) => {};
}
module.exports = { e() {}, f: async () => {} };
exports.g = function () {};
Service.prototype.legacy = function () {};
`);
    expect(names(facts)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'Service.constructor',
      'Service.size',
      'Service.size',
      'Service.load',
      'Service.create',
      'Service.#hidden',
      'Service.handle',
      'e',
      'f',
      'g',
      'Service.legacy',
    ]);
    const kinds = facts.functions.map((f) => f.kind);
    expect(kinds).toEqual([
      'function',
      'arrow',
      'function-expression',
      'function-expression',
      'constructor',
      'getter',
      'setter',
      'method',
      'method',
      'method',
      'arrow',
      'method',
      'arrow',
      'function-expression',
      'method',
    ]);
    expect(fnOf(facts, 'Service.load').owner).toBe('Service');
  });

  it('leaves inline callbacks and nested helpers to the function they sit in', () => {
    const facts = factsOf(`
export async function process(items: Item[]) {
  const load = async (id: string) => db.find(id);
  function helper() { return 1; }
  await Promise.all(items.map(async (i) => save(i)));
  setTimeout(() => flush(), 10);
}
[1, 2].forEach((n) => console.log(n));
`);
    expect(names(facts)).toEqual(['process']);
    // The nested helpers' and callbacks' calls count for the enclosing function.
    expect(fnOf(facts, 'process').callCount).toBe(6);
  });

  it('names functions passed to a wrapper after the variable holding the result', () => {
    const facts = factsOf(`
export const handler = middy(async (event: unknown) => { await fetch('x'); });
const create = asyncHandler(async (req, res) => {});
const memo = useCallback(() => 1, []);
const value = compute(1, [() => 2]);
`);
    expect(names(facts)).toEqual(['handler', 'create', 'memo']);
    expect(fnOf(facts, 'handler').exported).toBe(true);
  });

  it('names default exports after their own name, or `default`', () => {
    expect(names(factsOf('export default async function handler(req, res) {}'))).toEqual(['handler']);
    expect(names(factsOf('export default async function (req, res) {}'))).toEqual(['default']);
    expect(names(factsOf('export default async (req, res) => {};'))).toEqual(['default']);
    expect(names(factsOf('module.exports = async function (req, res) {};', 'a.js'))).toEqual(['default']);
  });

  it('reports positions and byte ranges of the function and its body', () => {
    const text = 'const x = 1;\nexport async function load(id: string) {\n  return id;\n}\n';
    const load = fnOf(factsOf(text), 'load');
    expect([load.line, load.column, load.endLine]).toEqual([2, 8, 4]);
    expect(text.slice(load.range.startByte, load.range.endByte)).toBe(
      'async function load(id: string) {\n  return id;\n}',
    );
    expect(text.slice(load.bodyRange.startByte, load.bodyRange.endByte)).toBe('{\n  return id;\n}');
  });

  it('gives string indices when the text has non-ASCII characters before the function', () => {
    const text = '// Bestellungen für Kunden 😀\nexport function ändern(id: string) { return "ü"; }\n';
    const fn = fnOf(factsOf(text), 'ändern');
    expect(text.slice(fn.range.startByte, fn.range.endByte)).toBe(
      'function ändern(id: string) { return "ü"; }',
    );
    expect(fn.line).toBe(2);
  });

  it('starts a decorated method at the method, not at its decorators, in both grammars', () => {
    const ts = factsOf('class A {\n  @Get()\n  async find() {}\n}');
    const js = factsOf('class A {\n  @Get()\n  async find() {}\n}', 'a.js');
    expect(fnOf(ts, 'A.find').line).toBe(3);
    expect(fnOf(js, 'A.find').line).toBe(3);
  });
});

describe('typescript adapter: exported-ness', () => {
  it('follows ESM exports: declarations, lists, defaults', () => {
    const facts = factsOf(`
export async function a() {}
async function b() {}
async function c() {}
const d = async () => {};
async function e() {}
export { b, d as dee };
export default e;
`);
    expect(facts.functions.map((f) => [f.name, f.exported])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', true],
      ['e', true],
    ]);
  });

  it('follows CommonJS exports', () => {
    const facts = factsOf(
      `
async function a() {}
async function b() {}
async function c() {}
const d = async () => {};
module.exports = { a, renamed: b };
module.exports.d = d;
exports.inline = async () => {};
`,
      'a.js',
    );
    expect(facts.functions.map((f) => [f.name, f.exported])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', true],
      ['inline', true],
    ]);
  });

  it('exports public methods of an exported class only', () => {
    const facts = factsOf(`
export class OrdersService {
  async create() {}
  private async audit() {}
  protected async check() {}
  async #secret() {}
  static async build() {}
}
class Internal {
  async run() {}
}
`);
    expect(facts.functions.map((f) => [f.qualifiedName, f.exported])).toEqual([
      ['OrdersService.create', true],
      ['OrdersService.audit', false],
      ['OrdersService.check', false],
      ['OrdersService.#secret', false],
      ['OrdersService.build', true],
      ['Internal.run', false],
    ]);
  });

  it('exports a class exported by name later, or as a CommonJS instance', () => {
    const named = factsOf('class A { async run() {} }\nexport { A };');
    expect(fnOf(named, 'A.run').exported).toBe(true);
    const instance = factsOf('class A { async run() {} }\nmodule.exports = new A();', 'a.js');
    expect(fnOf(instance, 'A.run').exported).toBe(true);
    const expression = factsOf('module.exports = class Jobs { async run() {} };', 'a.js');
    expect(fnOf(expression, 'Jobs.run').exported).toBe(true);
  });
});

describe('typescript adapter: async, generators and parameters', () => {
  it('marks async functions, promise-returning functions and generators', () => {
    const facts = factsOf(`
export async function a() {}
export function b(): Promise<void> { return save(); }
export function c() { return fetch('x').then((r) => r.json()); }
export const d = () => new Promise((resolve) => setTimeout(resolve, 1));
export function e() { return 1; }
export function* f() { yield 1; }
export async function* g() { yield 1; }
class K { async *h() {} }
`);
    expect(facts.functions.map((f) => [f.qualifiedName, f.async, f.generator])).toEqual([
      ['a', true, false],
      ['b', true, false],
      ['c', true, false],
      ['d', true, false],
      ['e', false, false],
      ['f', false, true],
      ['g', true, true],
      ['K.h', true, true],
    ]);
  });

  it('reads parameter names, types and roles', () => {
    const facts = factsOf(`
import type { Context } from '@opentelemetry/api';
import type { Request, Response } from 'express';
export async function a(req: Request, res: Response, next: NextFunction) {}
export async function b(request: FastifyRequest, reply: FastifyReply) {}
export async function c(ctx: Koa.Context, orderId: string, { customerId, note }: Body, apiKey: string) {}
export async function d(otelCtx: Context, event: APIGatewayProxyEvent, user_id = 'x', ...orderIds: string[]) {}
export async function e(@Param('id') id: string, @Body() body: Dto, opts?: Options) {}
export const f = (x) => x;
export const g = async (ctx) => {};
`);
    const roles = (name: string) => fnOf(facts, name).params.map((p) => [p.name, p.type, p.role]);
    expect(roles('a')).toEqual([
      ['req', 'Request', 'request'],
      ['res', 'Response', 'response'],
      ['next', 'NextFunction', 'other'],
    ]);
    expect(roles('b')).toEqual([
      ['request', 'FastifyRequest', 'request'],
      ['reply', 'FastifyReply', 'response'],
    ]);
    expect(roles('c')).toEqual([
      ['ctx', 'Koa.Context', 'framework-context'],
      ['orderId', 'string', 'id'],
      ['{ customerId, note }', 'Body', 'id'],
      ['apiKey', 'string', 'other'],
    ]);
    expect(roles('d')).toEqual([
      ['otelCtx', 'Context', 'context'],
      ['event', 'APIGatewayProxyEvent', 'request'],
      ['user_id', null, 'id'],
      ['orderIds', 'string[]', 'id'],
    ]);
    expect(roles('e')).toEqual([
      ['id', 'string', 'id'],
      ['body', 'Dto', 'other'],
      ['opts', 'Options', 'other'],
    ]);
    expect(roles('f')).toEqual([['x', null, 'other']]);
    expect(roles('g')).toEqual([['ctx', null, 'framework-context']]);
  });
});

describe('typescript adapter: failure exits, calls and statements', () => {
  it('counts throws, rejected returns and next(err) in Express handlers, not in nested functions', () => {
    const facts = factsOf(`
import express from 'express';
const app = express();
export async function a(x: number) {
  if (!x) throw new Error('x');
  items.forEach((i) => { if (!i) throw new Error('i'); });
  function nested() { throw new Error('not mine'); }
  return Promise.reject(new Error('no'));
}
app.post('/orders', async (req, res, next) => {
  try { await save(req.body); } catch (err) { next(err); }
  next();
  next('route');
});
`);
    expect(fnOf(facts, 'a').failureExits).toBe(4);
    expect(fnOf(facts, 'POST /orders').failureExits).toBe(1);
  });

  it('counts next(err) in an Express-shaped controller registered elsewhere', () => {
    const facts = factsOf(`
import type { NextFunction, Request, Response } from 'express';
export async function getOrder(req: Request, res: Response, next: NextFunction) {
  try { res.json(await find(req.params.id)); } catch (err) { next(err); }
}
export function chain(ctx, next) { return next(ctx); }
export function plain(a, b, next) { next(a); }
`);
    expect(fnOf(facts, 'getOrder').failureExits).toBe(1);
    expect(fnOf(facts, 'chain').failureExits).toBe(0);
    expect(fnOf(facts, 'plain').failureExits).toBe(0);
  });

  it('counts the statements directly in the body, comments left out', () => {
    const facts = factsOf(`
export function a() { const x = 1; if (x) { y(); z(); } return x; }
export function b() {
  // only a comment
  return 1;
}
export const c = () => 1;
export function d() {}
`);
    expect(facts.functions.map((f) => f.statementCount)).toEqual([3, 1, 1, 0]);
  });
});

describe('typescript adapter: trivial and excluded functions', () => {
  it('knows stringers, getters, setters, assign-only constructors, empty and formatting functions', () => {
    const facts = factsOf(`
export class Order {
  constructor(private readonly id: string) {}
  get total() { return this.sum(); }
  set total(v: number) { this.cache.set(v); }
  toString() { return \`Order \${this.id}\`; }
  toJSON() { return { id: this.id }; }
  [Symbol.toPrimitive]() { return this.id; }
  status() { return this.state; }
  setStatus(s: string) { this.state = s; }
  noop() {}
  label(name: string) { return name.trim().toUpperCase().padEnd(10); }
  async save() { await this.repo.save(this); }
}
export class Wiring {
  constructor(repo: Repo, clock: Clock) {
    super(repo);
    this.repo = repo;
    this.clock = clock;
  }
}
export class Busy {
  constructor(repo: Repo) { this.repo = repo; this.repo.connect(); }
}
`);
    expect(facts.functions.map((f) => [f.qualifiedName, f.trivial])).toEqual([
      ['Order.constructor', 'assign-only-constructor'],
      ['Order.total', 'getter'],
      ['Order.total', 'setter'],
      ['Order.toString', 'stringer'],
      ['Order.toJSON', 'stringer'],
      ['Order.[Symbol.toPrimitive]', 'stringer'],
      ['Order.status', 'getter'],
      ['Order.setStatus', 'setter'],
      ['Order.noop', 'empty'],
      ['Order.label', 'pure-formatting'],
      ['Order.save', null],
      ['Wiring.constructor', 'assign-only-constructor'],
      ['Busy.constructor', null],
    ]);
  });

  it('excludes test files, program entry points (unexported) and UI components', () => {
    expect(
      fnOf(factsOf('export async function load() { await fetch("x"); }', 'src/a.test.ts'), 'load').excluded,
    ).toEqual({
      reason: 'test file',
    });
    const facts = factsOf(
      `
async function main() { await run(); }
async function bootstrap() { await app.listen(3000); }
export function OrderList({ orders }) { return <ul>{orders.map((o) => <li key={o.id}>{o.id}</li>)}</ul>; }
export const Badge = () => <span onClick={() => fetch('/x')} />;
export default async function Page() { const data = await db.order.findMany(); return <div>{data.length}</div>; }
export async function loadPage() { return db.order.findMany(); }
export async function start() { await app.listen(3000); }
`,
      'src/app.tsx',
    );
    expect(facts.functions.map((f) => [f.name, f.excluded?.reason ?? null])).toEqual([
      ['main', 'program entry point'],
      ['bootstrap', 'program entry point'],
      ['OrderList', 'UI component (renders JSX)'],
      ['Badge', 'UI component (renders JSX)'],
      ['Page', 'UI component (renders JSX)'],
      ['loadPage', null],
      ['start', null],
    ]);
  });
});
