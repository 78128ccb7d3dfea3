import { describe, expect, it } from 'vitest';
import { type LexResult, lexDeclaration } from './lexer.js';

function lex(text: string): LexResult {
  return lexDeclaration(
    text,
    0,
    text.length,
    text.startsWith('func (') ? 'method_declaration' : 'function_declaration',
  );
}

const callees = (r: LexResult) => r.calls.map((c) => c.callee);

describe('lexDeclaration: calls', () => {
  it('reads selector chains, chained calls and their argument ranges', () => {
    const text =
      'func F(ctx context.Context) {\n\tctx, span := otel.Tracer("x").Start(ctx, "n")\n\ts.repo.\n\t\tSave(ctx, a)\n}';
    const r = lex(text);
    expect(callees(r)).toEqual(['otel.Tracer', 'otel.Tracer(…).Start', 's.repo.Save']);
    expect(r.calls.map((c) => c.method)).toEqual(['Tracer', 'Start', 'Save']);
    const start = r.calls[1];
    expect(text.slice((start?.open ?? 0) + 1, start?.close)).toBe('ctx, "n"');
  });
  it('does not count conversions, type assertions or signatures as calls', () => {
    const r = lex(
      'func F(b []byte) (int, error) {\n\ts := string(b)\n\tx := []byte(s)\n\tp := (*T)(unsafe.Pointer(q))\n\tv := i.(fmt.Stringer)\n\treturn len(x), nil\n}',
    );
    expect(callees(r)).toEqual(['string', 'unsafe.Pointer', 'len']);
  });
  it('counts an immediately invoked literal, with an unknown callee', () => {
    const r = lex('func F() {\n\tdefer func() { cleanup() }()\n}');
    expect(callees(r)).toEqual(['cleanup', '']);
  });
  it('does not read method specs of a local interface type as calls', () => {
    expect(
      callees(
        lex('func F() {\n\ttype saver interface {\n\t\tSave(ctx context.Context) error\n\t}\n\tuse()\n}'),
      ),
    ).toEqual(['use']);
  });
});

describe('lexDeclaration: scopes', () => {
  it('separates the declaration from its function literals', () => {
    const text =
      'func (s *S) Run(ctx context.Context) error {\n\tg.Go(func() error {\n\t\treturn s.work(ctx)\n\t})\n\treturn g.Wait()\n}';
    const r = lex(text);
    expect(r.scopes.map((s) => s.kind)).toEqual(['method', 'literal']);
    const [method, literal] = r.scopes;
    expect(literal?.parent).toBe(method);
    expect(r.returns.map((ret) => ret.owner)).toEqual([literal, method]);
    expect(r.calls.find((c) => c.callee === 's.work')?.owner).toBe(literal);
    expect(literal?.signature?.results).toEqual([{ name: '_', type: 'error' }]);
  });
  it('does not mistake function types for literals', () => {
    const r = lex(
      'func F(f func(int) error) func() {\n\tvar g func()\n\thandlers := map[string]func(){\n\t\t"a": a,\n\t}\n\treturn func() {}\n}',
    );
    expect(r.scopes.map((s) => s.kind)).toEqual(['function', 'literal']);
  });
  it('reads a struct{} result type and finds the body after it', () => {
    const r = lex('func F() struct{ A int } {\n\treturn struct{ A int }{A: 1}\n}');
    expect(r.scopes[0]?.signature?.results[0]?.type).toBe('struct{ A int }');
    expect(r.returns).toHaveLength(1);
  });
});

describe('lexDeclaration: statements, returns and blocks', () => {
  it('ends a return at its newline, past multi-line composite literals', () => {
    const text = 'func F() (*T, error) {\n\treturn &T{\n\t\tA: 1,\n\t}, nil // done\n}';
    const [ret] = lex(text).returns;
    expect(text.slice(ret?.start, ret?.end)).toBe('return &T{\n\t\tA: 1,\n\t}, nil // done');
  });
  it('ends a return before the closing brace of a one-line block', () => {
    const text = 'func F() error { if x { return err }; return nil }';
    expect(lex(text).returns.map((r) => text.slice(r.start, r.end).trim())).toEqual([
      'return err',
      'return nil',
    ]);
  });
  it('counts statements of the body, not literal fields or for clauses', () => {
    const r = lex(
      'func F() {\n\tx := T{\n\t\tA: 1,\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\tuse(i)\n\t}\n\tif ok { a(); b() }\n}',
    );
    expect(r.scopes[0]?.statements).toBe(6);
  });
  it('gives each switch clause its own block', () => {
    const text = 'func F() {\n\tswitch x {\n\tcase 1:\n\t\ta()\n\tdefault:\n\t\tb()\n\t}\n}';
    const r = lex(text);
    const a = r.calls.find((c) => c.callee === 'a');
    const b = r.calls.find((c) => c.callee === 'b');
    expect(a?.block).not.toBe(b?.block);
    expect(text.slice(a?.block?.start, a?.block?.end).trim()).toBe('case 1:\n\t\ta()');
  });
  it('finds loop bodies, including ranges over composite literals', () => {
    const text = 'func F() {\n\tfor _, x := range []*T{a, b} {\n\t\tuse(x)\n\t}\n\tafter()\n}';
    const r = lex(text);
    expect(r.loops).toHaveLength(1);
    const loop = r.loops[0];
    const use = r.calls.find((c) => c.callee === 'use')?.start ?? 0;
    const after = r.calls.find((c) => c.callee === 'after')?.start ?? 0;
    expect(use > (loop?.start ?? 0) && use < (loop?.end ?? 0)).toBe(true);
    expect(after > (loop?.end ?? 0)).toBe(true);
  });
  it('records defers with their full extent', () => {
    const text = 'func F() {\n\tdefer func() {\n\t\tspan.End()\n\t}()\n\twork()\n}';
    const [d] = lex(text).defers;
    expect(text.slice(d?.start, d?.end)).toBe('defer func() {\n\t\tspan.End()\n\t}()');
  });
});

describe('lexDeclaration: robustness', () => {
  it('never throws on broken or deeply nested input', () => {
    const deep = `func F() { x := ${'('.repeat(5000)}1${')'.repeat(5000)} }`;
    expect(() => lex(deep)).not.toThrow();
    expect(() => lex('func F( { return "unterminated')).not.toThrow();
    expect(lex('').calls).toEqual([]);
  });
});
