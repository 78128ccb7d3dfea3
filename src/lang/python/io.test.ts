import { describe, expect, it } from 'vitest';
import { parseCallee } from './callee.js';
import { clientKind } from './clients.js';
import { type ClassifyContext, classifyCall } from './io.js';

const imports = new Map([
  ['rq', 'requests'],
  ['urlopen', 'urllib.request.urlopen'],
  ['Popen', 'subprocess.Popen'],
  ['Stubber', 'botocore.stub.Stubber'],
]);

function kind(
  callee: string,
  options: {
    awaited?: boolean;
    firstArgument?: string;
    django?: boolean;
    bound?: Record<string, string>;
  } = {},
) {
  const ctx: ClassifyContext = {
    bindingKind: (receiver) => options.bound?.[receiver] as never,
    firstArgument: () => options.firstArgument ?? '',
    django: options.django ?? false,
  };
  return classifyCall(parseCallee(callee, imports), options.awaited ?? false, ctx);
}

describe('parseCallee', () => {
  it('splits chains, drops call and subscript suffixes and resolves imports', () => {
    expect(parseCallee('requests.Session().get', imports)).toMatchObject({
      bases: ['requests', 'Session', 'get'],
      receiver: 'requests.Session()',
      method: 'get',
    });
    expect(parseCallee('rq.post', imports).bases).toEqual(['requests', 'post']);
    expect(parseCallee('handlers["a.b"].run', imports)).toMatchObject({
      bases: ['handlers', 'run'],
      subscripted: true,
    });
    expect(parseCallee('open', imports)).toMatchObject({ bases: ['open'], receiver: '', method: 'open' });
  });
});

describe('classifyCall', () => {
  it.each([
    ['requests.get', 'http'],
    ['rq.post', 'http'],
    ['httpx.request', 'http'],
    ['requests.Session().get', 'http'],
    ['urlopen', 'http'],
    ['self.http_client.post', 'http'],
    ['client.get', 'http'],
    ['cursor.execute', 'database'],
    ['conn.execute', 'database'],
    ['self.db.query', 'database'],
    ['db.session.commit', 'database'],
    ['session.add', 'database'],
    ['Order.objects.filter', 'database'],
    ['pool.fetchrow', 'database'],
    ['db.orders.insert_one', 'database'],
    ['self.collection.find', 'database'],
    ['table.put_item', 'database'],
    ['open', 'filesystem'],
    ['path.read_text', 'filesystem'],
    ['Path.write_bytes', 'filesystem'],
    ['shutil.copy', 'filesystem'],
    ['os.remove', 'filesystem'],
    ['s3.put_object', 'filesystem'],
    ['self.redis.hset', 'cache'],
    ['cache.get', 'cache'],
    ['sqs.send_message', 'queue'],
    ['producer.send', 'queue'],
    ['channel.basic_publish', 'queue'],
    ['send_receipt.delay', 'queue'],
    ['task.apply_async', 'queue'],
    ['subprocess.run', 'subprocess'],
    ['Popen', 'subprocess'],
    ['os.system', 'subprocess'],
    ['self.inventory_stub.Reserve', 'grpc'],
    ['self.repo.save', 'dependency'],
    ['self._repository.get', 'dependency'],
    ['self.orders_api.update', 'dependency'],
    ['payment_gateway.charge', 'dependency'],
    ['self.notifier.notify', 'dependency'],
  ])('%s → %s', (callee, expected) => {
    expect(kind(callee)).toBe(expected);
  });

  it.each([
    'len',
    'json.loads',
    'logger.info',
    'self.logger.warning',
    'self._lock.acquire',
    'self.items.append',
    'self._buffer.write',
    'HTTP_STATUS_CODES.get',
    'cache_control.to_header',
    'stub.rstrip',
    'self.tracer.start_as_current_span',
    'ancestor_cache[v].add',
    'Stubber',
    'order.total',
  ])('%s is not I/O', (callee) => {
    expect(kind(callee)).toBeNull();
  });

  it('marks a call to a method of the same class for the audit to resolve', () => {
    expect(kind('self.validate')).toBe('internal');
    expect(kind('cls.from_env')).toBe('internal');
  });

  it('tells a requests session from a SQLAlchemy session by the first argument', () => {
    expect(kind('session.get', { firstArgument: 'f"{BASE}/orders"' })).toBe('http');
    expect(kind('session.get', { firstArgument: 'self.url' })).toBe('http');
    expect(kind('session.get', { firstArgument: 'Order, order_id' })).toBe('database');
  });

  it('uses what a receiver was bound to', () => {
    expect(kind('c.send', { bound: { c: 'queue' } })).toBe('queue');
  });

  it('treats instance.save() as an ORM write only in Django modules', () => {
    expect(kind('order.save', { django: true })).toBe('database');
    expect(kind('order.save')).toBeNull();
  });

  it('counts awaits as weak dependency evidence, except waiting helpers', () => {
    expect(kind('self._publish', { awaited: true })).toBe('internal');
    expect(kind('asyncio.sleep', { awaited: true })).toBeNull();
    expect(kind('asyncio.gather', { awaited: true })).toBeNull();
  });
});

describe('clientKind', () => {
  it('knows client constructors and boto3 services', () => {
    expect(clientKind('httpx.AsyncClient', '')).toBe('http');
    expect(clientKind('redis.asyncio.from_url', '"redis://"')).toBe('cache');
    expect(clientKind('boto3.client', '"sqs"')).toBe('queue');
    expect(clientKind('boto3.resource', "service_name='dynamodb'")).toBe('database');
    expect(clientKind('boto3.client', '"s3", region_name=r')).toBe('filesystem');
    expect(clientKind('boto3.client', 'name')).toBe('http');
    expect(clientKind('dict', '')).toBeUndefined();
  });
});
