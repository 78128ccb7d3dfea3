import { describe, expect, it } from 'vitest';
import { type Skeleton, StatementKind, scan, skipString } from './scan.js';

const at = (text: string, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in text`);
  return i;
};

const callees = (s: Skeleton) => s.calls.map((c) => c.callee);

describe('scan: blocks', () => {
  it('finds defs and classes with their names, parameters and indentation-delimited bodies', () => {
    const text = [
      'import os',
      '',
      'class OrderService(Base):',
      '    """Orders."""',
      '',
      '    def create(self, order_id: str) -> Order:',
      '        x = 1',
      '        # a comment at a shallower indent',
      '',
      '        return x',
      '',
      'async def handler(event, context):',
      '    pass',
      '',
    ].join('\n');
    const s = scan(text, { comments: false });
    const [cls, create, handler] = s.blocks;
    expect(cls).toMatchObject({ keyword: 'class', name: 'OrderService', indent: 0, parent: -1 });
    expect(text.slice(cls!.open, cls!.close + 1)).toBe('(Base)');
    expect(create).toMatchObject({ keyword: 'def', name: 'create', indent: 4, parent: 0, async: false });
    expect(text.slice(create!.open, create!.close + 1)).toBe('(self, order_id: str)');
    expect(text.slice(create!.start, create!.end)).toBe(
      text.slice(at(text, 'def create'), at(text, 'return x') + 8),
    );
    expect(text.slice(cls!.start, cls!.end).endsWith('return x')).toBe(true);
    expect(handler).toMatchObject({ keyword: 'def', name: 'handler', async: true, parent: -1 });
    expect(handler!.start).toBe(at(text, 'async def'));
    expect(text.slice(handler!.bodyStart, handler!.end)).toBe('pass');
  });

  it('handles inline bodies, clauses and empty bodies', () => {
    const text =
      'def f(x): return x\nif a: b()\nelse: c()\ntry:\n    d()\nexcept E as e: raise\nfinally:\n    e()\ndef g():\n';
    const s = scan(text, { comments: false });
    expect(s.blocks.map((b) => b.keyword)).toEqual(['def', 'if', 'else', 'try', 'except', 'finally', 'def']);
    const f = s.blocks[0]!;
    expect(text.slice(f.bodyStart, f.end)).toBe('return x');
    const except = s.blocks[4]!;
    expect(text.slice(except.bodyStart, except.end)).toBe('raise');
    expect(s.raises.map((r) => r.block)).toEqual([4]);
    expect(s.blocks[6]!.bodyStart).toBe(-1);
    // Clauses are not statements of their own.
    const texts = s.statements.start.map((st, k) => text.slice(st, s.statements.end[k]));
    expect(texts).toEqual([
      'def f(x):',
      'return x',
      'if a:',
      'b()',
      'c()',
      'try:',
      'd()',
      'raise',
      'e()',
      'def g():',
    ]);
  });

  it('attaches decorators (also across comments and to async defs) and not to later functions', () => {
    const text = '@app.get("/x")\n# note\n@trace\nasync def a():\n    pass\n\ndef b():\n    pass\n';
    const s = scan(text, { comments: true });
    const [a, b] = s.blocks;
    expect(a!.decorators.map((d) => text.slice(s.decorators[d]!.start, s.decorators[d]!.end))).toEqual([
      '@app.get("/x")',
      '@trace',
    ]);
    expect(b!.decorators).toEqual([]);
    expect(s.calls[0]).toMatchObject({ callee: 'app.get', inDecorator: true, block: -1 });
    expect(s.comments.map((c) => text.slice(c.start, c.end))).toEqual(['# note']);
  });

  it('tracks async for/with and tabs as CPython does', () => {
    const text = 'async def f():\n\tasync with x() as y:\n\t\tawait y.get()\n\tasync for i in z:\n\t\tpass\n';
    const s = scan(text, { comments: false });
    expect(s.blocks.map((b) => `${b.keyword}:${b.async}:${b.indent}`)).toEqual([
      'def:true:0',
      'with:true:8',
      'for:true:8',
    ]);
    expect(s.calls.find((c) => c.callee === 'y.get')).toMatchObject({ awaited: true, block: 1 });
  });

  it('treats match/case as soft keywords', () => {
    const text =
      'match = re.match(p, s)\nmatch cmd:\n    case "go": run()\n    case _:\n        stop()\ncase = 3\n';
    const s = scan(text, { comments: false });
    expect(s.blocks.map((b) => b.keyword)).toEqual(['match', 'case', 'case']);
    expect(callees(s)).toEqual(['re.match', 'run', 'stop']);
    expect(s.statements.start.length).toBe(5); // match=, match, run(), stop(), case=
  });
});

describe('scan: calls', () => {
  it('reads callee chains through calls, subscripts, strings and line breaks', () => {
    const text = [
      'x = requests.Session().get(url)',
      'super().__init__(a)',
      'y = ", ".join(items)',
      'handlers["k"](req)',
      'z = (client\n     .orders\n     .create(o))',
      'w = f(g(1), h=k(2))',
      'if (a) and not (b): pass',
      'print(x)',
    ].join('\n');
    const s = scan(text, { comments: false });
    expect(callees(s)).toEqual([
      'requests.Session',
      'requests.Session().get',
      'super',
      'super().__init__',
      '", ".join',
      'handlers["k"]',
      'client.orders.create',
      'f',
      'g',
      'k',
      'print',
    ]);
    const get = s.calls[1]!;
    expect(text.slice(get.start, get.end)).toBe('requests.Session().get(url)');
    expect(text.slice(get.open, get.end)).toBe('(url)');
  });

  it('marks awaited calls', () => {
    const s = scan('async def f():\n    r = await self.repo.get(1)\n    await asyncio.sleep(0)\n    g()\n', {
      comments: false,
    });
    expect(s.calls.map((c) => `${c.callee}:${c.awaited}`)).toEqual([
      'self.repo.get:true',
      'asyncio.sleep:true',
      'g:false',
    ]);
  });

  it('does not mistake def parameters or class bases for calls', () => {
    const s = scan(
      'class A(B, metaclass=M):\n    def m(self, x=make()) -> T:\n        pass\ndef g[T](x: T): pass\n',
      { comments: false },
    );
    expect(callees(s)).toEqual(['make']);
    expect(s.blocks.map((b) => b.name)).toEqual(['A', 'm', 'g']);
  });

  it('ignores calls written inside strings and comments', () => {
    const s = scan(
      'a = "requests.get(x)"\n# requests.post(y)\nb = """\nopen(z)\n"""\nc = r\'\\\'open(q)\'\n',
      { comments: false },
    );
    expect(callees(s)).toEqual([]);
  });
});

describe('scan: strings', () => {
  it('skips f-strings with nested replacement fields and same-quote nesting', () => {
    const text = 'f"a {x["k"]:>{w}} {{lit}} {g(1)!r}" + rest';
    expect(text.slice(skipString(text, 1, true))).toBe(' + rest');
    const triple = "'''a\n'b'\n''' tail";
    expect(triple.slice(skipString(triple, 0, false))).toBe(' tail');
  });

  it('stops an unterminated single-quoted string at the line end', () => {
    const s = scan('x = "oops\ny = open(p)\n', { comments: false });
    expect(callees(s)).toEqual(['open']);
  });
});

describe('scan: statements', () => {
  it('classifies docstrings, pass, ellipsis, return and raise', () => {
    const text =
      'def f():\n    """doc""" "more"\n    pass\n    ...\n    return 1\n    raise E\n    "x".join(y)\n    .5\n';
    const s = scan(text, { comments: false });
    expect(s.statements.kind).toEqual([
      StatementKind.Compound,
      StatementKind.String,
      StatementKind.Pass,
      StatementKind.Ellipsis,
      StatementKind.Return,
      StatementKind.Raise,
      StatementKind.Other,
      StatementKind.Other,
    ]);
    expect(s.statements.block.slice(1)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('splits statements at semicolons and joins lines in brackets and after backslashes', () => {
    const text = 'a = 1; b = 2\nc = (1,\n     2)\nd = 1 + \\\n    2\n';
    const s = scan(text, { comments: false });
    expect(s.statements.start.map((st, k) => text.slice(st, s.statements.end[k]))).toEqual([
      'a = 1',
      'b = 2',
      'c = (1,\n     2)',
      'd = 1 + \\\n    2',
    ]);
    expect(s.lineStarts).toEqual([0, 13, 21, 29, 39, 45]);
  });

  it('recovers from an unclosed bracket at the next top-level definition', () => {
    const text = 'x = foo(1,\n\ndef g():\n    return open(p)\n';
    const s = scan(text, { comments: false });
    expect(s.blocks.map((b) => b.name)).toEqual(['g']);
    expect(s.calls.find((c) => c.callee === 'open')?.block).toBe(0);
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '\n',
      '\ufeff',
      ')))]]]',
      '((((',
      '"""',
      "f'{",
      'def',
      '@',
      'class :',
      'async',
      '\\',
      '\r\r\n',
    ]) {
      expect(() => scan(text, { comments: true })).not.toThrow();
    }
    const deep = `x = ${'('.repeat(20000)}1${')'.repeat(20000)}\n`;
    expect(scan(deep, { comments: false }).statements.start).toEqual([0]);
  });

  it('reads unicode identifiers', () => {
    const s = scan('def größe(ñ):\n    return ñ.länge()\n', { comments: false });
    expect(s.blocks[0]!.name).toBe('größe');
    expect(callees(s)).toEqual(['ñ.länge']);
  });
});
