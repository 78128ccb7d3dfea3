import { describe, expect, it } from 'vitest';
import type { FunctionFacts, SpanFacts } from '../facts.js';
import { goAdapter } from './adapter.js';

const HEADER = `package orders

import (
	"context"
	"fmt"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/orders")

const spanCharge = "orders.Charge"
`;

const HEADER_LINES = HEADER.split('\n').length - 1;

function fn(body: string, name = 'F'): FunctionFacts {
  const text = HEADER + body;
  const found = goAdapter
    .extractFacts({ path: 'orders/service.go', text, language: 'go', packageHint: 'orders', scopeHint: 'x' })
    .functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

function span(body: string, name = 'F'): SpanFacts {
  const [s] = fn(body, name).spans;
  if (!s) throw new Error('no span');
  return s;
}

/** Line numbers in `body` (1-based), as file lines. */
const at = (line: number) => HEADER_LINES + line;

describe('span starts', () => {
  it('recognises every way to reach a tracer', () => {
    const f = fn(`type Service struct {
	tr     trace.Tracer
	tracer trace.Tracer
}

func (s *Service) F(ctx context.Context, tp trace.TracerProvider, t trace.Tracer) {
	_, a := tracer.Start(ctx, "a")
	_, b := s.tr.Start(ctx, "b")
	_, c := s.tracer.Start(ctx, "c")
	_, d := otel.Tracer("x").Start(ctx, "d")
	_, e := otel.GetTracerProvider().Tracer("x").Start(ctx, "e")
	local := tp.Tracer("y")
	_, f := local.Start(ctx, "f")
	_, g := t.Start(ctx, "g")
	srv.Start(ctx, "not a span")
	timer.Start()
}
`);
    expect(f.spans.map((s) => [s.nameText, s.variable])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['d', 'd'],
      ['e', 'e'],
      ['f', 'f'],
      ['g', 'g'],
    ]);
    expect(f.spans.every((s) => s.api === 'go:tracer.Start' && !s.languageRecordsExceptions)).toBe(true);
  });
  it('places the span at the Start call', () => {
    const s = span(
      'func F(ctx context.Context) {\n\tctx, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n}\n',
    );
    expect(s).toMatchObject({ line: at(2), column: 15 });
  });
  it('counts spans started in function literals for the enclosing function', () => {
    const f = fn(
      'func (h *H) F() http.HandlerFunc {\n\treturn func(w http.ResponseWriter, r *http.Request) {\n\t\tctx, span := tracer.Start(r.Context(), "h")\n\t\tdefer span.End()\n\t\t_ = ctx\n\t}\n}\n',
    );
    expect(f.spans.map((s) => [s.end, s.parentContext])).toEqual([['defer', 'derived']]);
  });
});

describe('span names', () => {
  const name = (arg: string, extra = '') => {
    const s = span(
      `func F(ctx context.Context, id string) {\n${extra}\t_, span := tracer.Start(ctx, ${arg})\n\tdefer span.End()\n}\n`,
    );
    return [s.nameKind, s.nameText];
  };
  it('reads literals and constants', () => {
    expect(name('"orders.Process"')).toEqual(['literal', 'orders.Process']);
    expect(name('spanCharge')).toEqual(['constant', 'orders.Charge']);
    expect(name('local', '\tconst local = "orders.Local"\n')).toEqual(['constant', 'orders.Local']);
    expect(name('names.Process', '')).toEqual(['expression', 'names.Process']);
  });
  it('flags names built at run time', () => {
    expect(name('"orders." + id')).toEqual(['concatenation', '"orders." + id']);
    expect(name('fmt.Sprintf("orders.%s", id)')).toEqual(['format-call', 'fmt.Sprintf("orders.%s", id)']);
    expect(name('id')).toEqual(['expression', 'id']);
    expect(name('mn', '\tmn := "Recv." + strings.Replace(id, "/", ".", -1)\n')).toEqual([
      'concatenation',
      '"Recv." + strings.Replace(id, "/", ".", -1)',
    ]);
    expect(name('n', '\tn := fmt.Sprintf("orders.%s", id)\n')).toEqual([
      'format-call',
      'fmt.Sprintf("orders.%s", id)',
    ]);
  });
  it('treats a concatenation of constants as a constant', () => {
    expect(name('spanCharge + ".retry"')).toEqual(['constant', 'orders.Charge.retry']);
  });
});

describe('ending spans', () => {
  it('recognises defer, deferred closures and deferred helpers', () => {
    expect(
      span(
        'func F(ctx context.Context) {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer span.End(trace.WithStackTrace(true))\n}\n',
      ).end,
    ).toBe('defer');
    expect(
      span(
        'func F(ctx context.Context) {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer func() {\n\t\tspan.End()\n\t}()\n}\n',
      ).end,
    ).toBe('defer');
    expect(
      span(
        'func F(ctx context.Context) (err error) {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer telemetry.End(span, &err)\n\treturn nil\n}\n',
      ).end,
    ).toBe('defer');
  });
  it('checks explicit End calls on every path', () => {
    const all = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tif err := work(); err != nil {\n\t\tspan.End()\n\t\treturn err\n\t}\n\tspan.End()\n\treturn nil\n}\n',
    );
    expect(all).toMatchObject({ end: 'explicit-all-paths', unendedExitLines: [] });
    const some = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tif err := work(); err != nil {\n\t\treturn err\n\t}\n\tspan.End()\n\treturn nil\n}\n',
    );
    expect(some).toMatchObject({ end: 'explicit-some-paths', unendedExitLines: [at(4)] });
  });
  it('sees falling off the end of the function as an exit', () => {
    const s = span(
      'func F(ctx context.Context) {\n\t_, span := tracer.Start(ctx, "x")\n\tif ok {\n\t\tspan.End()\n\t}\n}\n',
    );
    expect(s).toMatchObject({ end: 'explicit-some-paths', unendedExitLines: [at(6)] });
  });
  it('treats an End at the end of a loop body as ending that iteration span', () => {
    const s = span(
      'func F(ctx context.Context, ids []string) {\n\tfor _, id := range ids {\n\t\t_, span := tracer.Start(ctx, "item")\n\t\tuse(id)\n\t\tspan.End()\n\t}\n}\n',
    );
    expect(s).toMatchObject({ end: 'explicit-all-paths', inLoop: true, loopLine: at(2) });
  });
  it('reports spans never ended, and discarded spans', () => {
    expect(
      span('func F(ctx context.Context) {\n\t_, span := tracer.Start(ctx, "x")\n\tspan.AddEvent("e")\n}\n')
        .end,
    ).toBe('never');
    expect(span('func F(ctx context.Context) {\n\tctx, _ = tracer.Start(ctx, "x")\n}\n')).toMatchObject({
      end: 'never',
      variable: null,
    });
  });
  it('does not blame a function for spans it hands to its caller or to a goroutine', () => {
    expect(
      span(
        'func F(ctx context.Context) (context.Context, trace.Span) {\n\treturn tracer.Start(ctx, "x")\n}\n',
      ).end,
    ).toBe('explicit-all-paths');
    expect(
      span(
        'func F(ctx context.Context) trace.Span {\n\t_, span := tracer.Start(ctx, "x")\n\treturn span\n}\n',
      ).end,
    ).toBe('explicit-all-paths');
    expect(
      span(
        'func F(ctx context.Context) {\n\t_, span := tracer.Start(ctx, "x")\n\tgo func() {\n\t\twork()\n\t\tspan.End()\n\t}()\n}\n',
      ).end,
    ).toBe('explicit-all-paths');
  });
});

describe('error recording on failure paths', () => {
  it('finds failure exits without record or status', () => {
    const s = span(
      'func F(ctx context.Context) error {\n\tctx, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n\tif err := a(ctx); err != nil {\n\t\treturn err\n\t}\n\treturn nil\n}\n',
    );
    expect(s).toMatchObject({
      failureExitLines: [at(5)],
      failureExitsWithoutRecord: [at(5)],
      failureExitsWithoutStatus: [at(5)],
    });
  });
  it('accepts RecordError and SetStatus under any codes alias, in the exit block or an enclosing one', () => {
    const s = span(`func F(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "x")
	defer span.End()
	if err := a(ctx); err != nil {
		span.RecordError(err)
		span.SetStatus(otelcodes.Error, err.Error())
		return err
	}
	if err := b(ctx); err != nil {
		span.RecordError(err)
		return fmt.Errorf("b: %w", err)
	}
	if err := c(ctx); err != nil {
		span.SetStatus(otelcodes.Ok, "")
		return err
	}
	return nil
}
`);
    expect(s).toMatchObject({
      failureExitLines: [at(7), at(11), at(15)],
      failureExitsWithoutRecord: [at(15)],
      failureExitsWithoutStatus: [at(11), at(15)],
    });
  });
  it('does not credit a recording in a sibling branch', () => {
    const s = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n\tif a {\n\t\tspan.RecordError(errA)\n\t} else {\n\t\treturn errB\n\t}\n\treturn nil\n}\n',
    );
    expect(s.failureExitsWithoutRecord).toEqual([at(7)]);
  });
  it('accepts a deferred closure over a named error, and helpers given the span and the error', () => {
    const deferred = span(`func F(ctx context.Context) (err error) {
	ctx, span := tracer.Start(ctx, "x")
	defer func() {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(otelcodes.Error, err.Error())
		}
		span.End()
	}()
	if err = a(ctx); err != nil {
		return err
	}
	return b(ctx)
}
`);
    expect(deferred).toMatchObject({
      end: 'defer',
      failureExitLines: [at(11), at(13)],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [],
    });
    const helper = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n\tif err := a(); err != nil {\n\t\treturn telemetry.Fail(span, err)\n\t}\n\tif err := b(); err != nil {\n\t\trecordErr(span, err)\n\t\treturn err\n\t}\n\treturn c()\n}\n',
    );
    expect(helper).toMatchObject({
      failureExitLines: [at(5), at(9), at(11)],
      failureExitsWithoutRecord: [at(11)],
      failureExitsWithoutStatus: [at(11)],
    });
  });
  it('accepts a recording in an if block that falls through to the failing return', () => {
    const s = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n\terr := a(ctx)\n\tif err != nil {\n\t\tspan.RecordError(err)\n\t\tspan.SetStatus(otelcodes.Error, "a")\n\t}\n\treturn err\n}\n',
    );
    expect(s).toMatchObject({
      failureExitLines: [at(9)],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [],
    });
  });
  it('counts panics and ignores failures inside nested literals', () => {
    const s = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tdefer span.End()\n\tg.Go(func() error { return errX })\n\tif bad {\n\t\tpanic("bad")\n\t}\n\tif err := a(); err != nil {\n\t\tpanic(err)\n\t}\n\treturn nil\n}\n',
    );
    // A panic is recorded by the deferred span.End() itself; it still needs status Error.
    expect(s).toMatchObject({
      failureExitLines: [at(6), at(9)],
      failureExitsWithoutRecord: [],
      failureExitsWithoutStatus: [at(6), at(9)],
    });
  });
});

describe('parent context', () => {
  const parent = (params: string, ctxArg: string, extra = '') => {
    const s = span(
      `func F(${params}) {\n${extra}\t_, span := tracer.Start(${ctxArg}, "x")\n\tdefer span.End()\n}\n`,
    );
    return [s.parentContext, s.backgroundLine];
  };
  it('distinguishes the parameter, derived contexts and fresh roots', () => {
    expect(parent('ctx context.Context', 'ctx')).toEqual(['parameter', null]);
    expect(parent('w http.ResponseWriter, r *http.Request', 'r.Context()')).toEqual(['derived', null]);
    expect(
      parent(
        'ctx context.Context',
        'tctx',
        '\ttctx, cancel := context.WithTimeout(ctx, d)\n\tdefer cancel()\n',
      ),
    ).toEqual(['derived', null]);
    expect(parent('ctx context.Context', 'context.Background()')).toEqual(['background', at(2)]);
    expect(parent('w http.ResponseWriter, r *http.Request', 'context.TODO()')).toEqual(['background', at(2)]);
    expect(parent('ctx context.Context', 'bg', '\tbg := context.Background()\n')).toEqual([
      'background',
      at(2),
    ]);
    expect(parent('n int', 'context.Background()')).toEqual(['none-available', null]);
    expect(parent('n int', 'ctx', '\tctx := context.Background()\n')).toEqual(['none-available', null]);
    expect(parent('ctx context.Context', 'ctx', '\tctx = context.Background()\n')).toEqual([
      'background',
      at(2),
    ]);
  });
  it('keeps the parameter through the context a first span returned', () => {
    const f = fn(
      'func F(ctx context.Context) {\n\tctx, first := tracer.Start(ctx, "first")\n\tdefer first.End()\n\t_, second := tracer.Start(ctx, "second")\n\tdefer second.End()\n}\n',
    );
    expect(f.spans.map((s) => [s.nameText, s.parentContext])).toEqual([
      ['first', 'parameter'],
      ['second', 'parameter'],
    ]);
  });
});

describe('attributes', () => {
  it('reads start options in every attribute form', () => {
    const s = span(`const orderKey = attribute.Key("order.id")

func F(ctx context.Context, orderID string, email string) {
	_, span := tracer.Start(ctx, "x", trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(
		attribute.String("service.operation", "process"),
		attribute.Key("business.entity_id").String(orderID),
		orderKey.String(orderID),
		semconv.HTTPRoute("/orders"),
		semconv.HTTPMethod("POST"),
		semconv.PeerServiceKey.String("billing"),
		semconv.SomethingNew("x"),
		attribute.String(dynamicKey, email),
	))
	defer span.End()
}
`);
    expect(s.startAttributes.map((a) => [a.key, a.dynamicKey, a.valueText, a.target])).toEqual([
      ['service.operation', false, '"process"', 'span-start'],
      ['business.entity_id', false, 'orderID', 'span-start'],
      ['order.id', false, 'orderID', 'span-start'],
      ['http.route', false, '"/orders"', 'span-start'],
      ['http.method', false, '"POST"', 'span-start'],
      ['peer.service', false, '"billing"', 'span-start'],
      ['semconv.SomethingNew', true, '"x"', 'span-start'],
      ['dynamicKey', true, 'email', 'span-start'],
    ]);
    expect(s.startAttributes[0]).toMatchObject({ line: at(5), column: 3 });
  });
  it('reads attributes set later, on events and in options built apart', () => {
    const f = fn(`func F(ctx context.Context, c Customer) {
	opts := []trace.SpanStartOption{trace.WithAttributes(attribute.Int("batch.size", n))}
	_, span := tracer.Start(ctx, "x", opts...)
	defer span.End()
	span.SetAttributes(attribute.String("customer.email", c.Email), attribute.Bool("vip", c.VIP))
	span.AddEvent("charged", trace.WithAttributes(attribute.String("card.last4", c.Last4)))
}
`);
    expect(f.spans[0]?.startAttributes).toEqual([]);
    expect(f.attributes.map((a) => [a.key, a.valueText, a.target, a.line])).toEqual([
      ['batch.size', 'n', 'span', at(2)],
      ['customer.email', 'c.Email', 'span', at(5)],
      ['vip', 'c.VIP', 'span', at(5)],
      ['card.last4', 'c.Last4', 'span', at(6)],
    ]);
  });
});

describe('spans handed over', () => {
  it('treats a span given to something that is kept as ended elsewhere, not a recording helper', () => {
    const wrapped = span(
      'func F(ctx context.Context, res *http.Response) (*http.Response, error) {\n\t_, span := tracer.Start(ctx, "x")\n\tres.Body = newWrappedBody(span, res.Body)\n\treturn res, nil\n}\n',
    );
    expect(wrapped.end).toBe('explicit-all-paths');
    const helper = span(
      'func F(ctx context.Context) error {\n\t_, span := tracer.Start(ctx, "x")\n\tif err := a(); err != nil {\n\t\treturn fail(span, err)\n\t}\n\tspan.End()\n\treturn nil\n}\n',
    );
    expect(helper).toMatchObject({
      end: 'explicit-some-paths',
      unendedExitLines: [at(4)],
      failureExitsWithoutRecord: [],
    });
  });
});
