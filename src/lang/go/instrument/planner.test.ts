// Shapes beyond the golden cases: imports and name clashes, parameter naming, attributes from odd
// parameters, error policies, one-line bodies, unsafe splits, deferred recorders, existing spans. Each
// output is checked for idempotency here and, at the end, compiled and vetted together in one module.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStandards } from '../../../standards/defaults.js';
import type { Standards } from '../../../standards/types.js';
import { type InstrumentOptions, instrumentGo, planFile } from './__fixtures__/golden-harness.js';
import { hasGo, run } from './go-tool.js';

const compiled = new Map<string, string>();

/** Instruments `source`, checks a second plan changes nothing, and queues the output for compilation (when its imports are in the test module). */
function instrument(name: string, source: string, options: InstrumentOptions = {}, compile = true) {
  const out = instrumentGo(`${name}.go`, source, options);
  expect(
    planFile(`${name}.go`, out.text, options).plan.edits,
    'planning the output again changes nothing',
  ).toEqual([]);
  if (compile) compiled.set(name, out.text);
  return out;
}

function standards(change: (s: Standards) => void): Standards {
  const s = defaultStandards();
  change(s);
  return s;
}

const STORE = `
type Store interface {
	Get(ctx context.Context, id string) (*Item, error)
	Put(ctx context.Context, it *Item) error
}

type Item struct{ ID string }
`;

describe('imports', () => {
  it('turns a single import into a block and groups the new imports after the standard library', () => {
    const { text } = instrument(
      'single_import',
      `package p

import "context"
${STORE}
func Save(ctx context.Context, s Store, it *Item) error {
	return s.Put(ctx, it)
}
`,
      { unsafe: true },
    );
    expect(text).toContain(
      'import (\n\t"context"\n\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/attribute"\n\t"go.opentelemetry.io/otel/codes"\n\t"go.opentelemetry.io/otel/trace"\n)',
    );
    expect(text).toContain(
      '\tif err := s.Put(ctx, it); err != nil {\n\t\tspan.RecordError(err)\n\t\tspan.SetStatus(codes.Error, "s.Put failed")\n\t\treturn err\n\t}\n',
    );
  });

  it('reuses imports under their aliases and aliases new ones whose names are taken', () => {
    const { text } = instrument(
      'aliases',
      `package p

import (
	"context"
	rtrace "runtime/trace"

	oteltrace "go.opentelemetry.io/otel/trace"
)
${STORE}
var tr oteltrace.Tracer

func Load(ctx context.Context, s Store, itemID string) (*Item, error) {
	rtrace.Log(ctx, "load", itemID)
	codes := 3
	_ = codes
	return s.Get(ctx, itemID)
}
`,
      { tracer: { existing: null, declareHere: true, name: 'tracer' } },
    );
    expect(text).toContain('\toteltrace "go.opentelemetry.io/otel/trace"\n');
    expect(text).toContain('otelcodes "go.opentelemetry.io/otel/codes"');
    expect(text).toContain('oteltrace.WithAttributes(');
    expect(text).toMatch(/func Load\(ctx context\.Context, s Store, itemID string\) \(_ \*Item, err error\)/);
  });

  it('adds an import block to a file that has none', () => {
    const { text, plan } = instrument(
      'no_imports',
      `package p

type Request struct{ ID string }

func Handle(r *Request) error {
	return nil
}
`,
    );
    expect(plan.skipped.map((s) => s.reason)).toEqual([]);
    expect(text).not.toContain('import');
  });
});

describe('text', () => {
  it('places edits correctly after non-ASCII text (offsets are string indices)', () => {
    const { text } = instrument(
      'unicode',
      `package p

import "context"
${STORE}
// Größe prüfen 🚀: the label says "naïve".
func Label(ctx context.Context, s Store, itemID string) (*Item, error) {
	it, err := s.Get(ctx, itemID) // «fetch»
	if err != nil {
		return nil, err
	}
	return it, nil
}
`,
    );
    expect(text).toContain(
      '// Größe prüfen 🚀: the label says "naïve".\nfunc Label(ctx context.Context, s Store, itemID string) (*Item, error) {\n\tctx, span := tracer.Start(',
    );
    expect(text).toContain(
      '\tit, err := s.Get(ctx, itemID) // «fetch»\n\tif err != nil {\n\t\tspan.RecordError(err)\n',
    );
  });
});

describe('context', () => {
  it('names every parameter of an unnamed list to name the context', () => {
    const { text } = instrument(
      'unnamed_params',
      `package p

import (
	"context"
	"errors"
)
${STORE}
type Svc struct{ store Store }

func (s *Svc) Touch(context.Context, string) error {
	if s.store == nil {
		return errors.New("no store")
	}
	return nil
}

func (s *Svc) Drop(ctx context.Context, itemID string) error {
	if _, err := s.store.Get(ctx, itemID); err != nil {
		return err
	}
	return nil
}
`,
    );
    expect(text).toContain(
      'func (s *Svc) Touch(ctx context.Context, _ string) error {\n\t_, span := tracer.Start(ctx, "p.Touch"',
    );
  });

  it('names a `_` request and starts from its context without leaving ctx unused', () => {
    const { text } = instrument(
      'blank_request',
      `package p

import (
	"encoding/json"
	"net/http"
)

func Ping(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}
`,
    );
    expect(text).toContain(
      'func Ping(w http.ResponseWriter, r *http.Request) {\n\t_, span := tracer.Start(r.Context(), "p.Ping"',
    );
  });

  it('hands the span on through the request when a local ctx would clash', () => {
    const { text } = instrument(
      'request_ctx_clash',
      `package p

import (
	"context"
	"net/http"
)

type Store interface{ Count(ctx context.Context) (int, error) }

type H struct{ store Store }

func (h *H) Count(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := h.store.Count(ctx); err != nil {
		http.Error(w, "failed", http.StatusInternalServerError)
	}
}
`,
    );
    expect(text).toContain('\tspanCtx, span := tracer.Start(r.Context(), "p.Count"');
    expect(text).toContain('\tr = r.WithContext(spanCtx)\n');
  });

  it("takes echo and fiber handlers' request contexts and hands the span on", () => {
    const { text } = instrument(
      'frameworks',
      `package p

import (
	"context"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
)

type Store interface{ Load(ctx context.Context, id string) (string, error) }

type API struct{ store Store }

func (a *API) Get(c echo.Context) error {
	v, err := a.store.Load(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.String(http.StatusOK, v)
}

func (a *API) Show(c *fiber.Ctx) error {
	v, err := a.store.Load(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.SendString(v)
}
`,
      {},
      false,
    );
    expect(text).toContain('\tctx, span := tracer.Start(c.Request().Context(), "p.Get"');
    expect(text).toContain('\tc.SetRequest(c.Request().WithContext(ctx))\n');
    expect(text).toContain('\tctx, span := tracer.Start(c.UserContext(), "p.Show"');
    expect(text).toContain('\tc.SetUserContext(ctx)\n');
  });

  it('skips a function whose only context is a field, and one that hides the package tracer', () => {
    const { plan } = instrument(
      'skips',
      `package p

import (
	"context"
	"errors"
)

type Job struct{ ctx context.Context }

func (j *Job) Run() error {
	if j.ctx.Err() != nil {
		return errors.New("cancelled")
	}
	return nil
}

func Sync(ctx context.Context, tracer func() error) error {
	if err := tracer(); err != nil {
		return err
	}
	return ctx.Err()
}
`,
    );
    expect(plan.skipped.map((s) => `${s.function}: ${s.reason.split(':')[0]}`)).toEqual([
      'Job.Run: missing_context',
      'Sync: a local tracer hides the package tracer tracer; rename it first',
    ]);
  });
});

describe('attributes', () => {
  it('converts ids of named and integer types, and never uses a PII parameter', () => {
    const { text, plan } = instrument(
      'ids',
      `package p

import "context"

type SKU string

type Repo interface {
	Stock(ctx context.Context, sku SKU) (int, error)
	Order(ctx context.Context, id int64) error
	Card(ctx context.Context, id string) error
}

func Stock(ctx context.Context, r Repo, sku SKU) (int, error) {
	return r.Stock(ctx, sku)
}

func Order(ctx context.Context, r Repo, orderID int64) error {
	if err := r.Order(ctx, orderID); err != nil {
		return err
	}
	return nil
}

func Card(ctx context.Context, r Repo, cardID string) error {
	if err := r.Card(ctx, cardID); err != nil {
		return err
	}
	return nil
}
`,
    );
    expect(text).toContain('attribute.String("business.entity_id", string(sku))');
    expect(text).toContain('attribute.Int64("business.entity_id", orderID)');
    expect(text).not.toContain('cardID)\n\t))');
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        function: 'Card',
        gapType: 'missing_attributes',
        reason: expect.stringContaining('PII deny-list'),
      }),
    ]);
  });
});

describe('error policy', () => {
  it('follows the standards: no RecordError, error.type set, no outcome attribute', () => {
    const custom = standards((s) => {
      s.tracing.error_policy = { record_exception: false, set_status: true, error_type_attribute: true };
      s.tracing.outcome_attribute = null;
    });
    const { text } = instrument(
      'policy',
      `package p

import "context"
${STORE}
func Put(ctx context.Context, s Store, it *Item) error {
	if err := s.Put(ctx, it); err != nil {
		return err
	}
	return nil
}
`,
      { standards: custom },
    );
    expect(text).not.toContain('RecordError');
    expect(text).not.toContain('business.outcome');
    expect(text).toContain(
      '\t\tspan.SetStatus(codes.Error, "s.Put failed")\n\t\tspan.SetAttributes(attribute.String("error.type", fmt.Sprintf("%T", err)))\n',
    );
    expect(text).toContain('\t"fmt"\n');
  });
});

describe('rewrites', () => {
  it('splits a one-line body with --unsafe and keeps the values of a multi-result tail call', () => {
    const { text } = instrument(
      'splits',
      `package p

import "context"
${STORE}
func Fetch(ctx context.Context, s Store, itemID string) (*Item, error) { return s.Get(ctx, itemID) }
`,
      { unsafe: true },
    );
    expect(text).toContain(
      '\titem, err := s.Get(ctx, itemID)\n\tif err != nil {\n\t\tspan.RecordError(err)\n\t\tspan.SetStatus(codes.Error, "s.Get failed")\n\t\treturn item, err\n\t}\n',
    );
    expect(text).toContain('\treturn item, nil\n}');
  });

  it('guards an error that may be nil, and records it once however often it is planned', () => {
    const { text } = instrument(
      'maybe_nil',
      `package p

import "context"
${STORE}
func Check(ctx context.Context, s Store, itemID string) (*Item, error) {
	it, err := s.Get(ctx, itemID)
	return it, err
}
`,
    );
    expect(text).toContain(
      '\tif err != nil {\n\t\tspan.RecordError(err)\n\t\tspan.SetStatus(codes.Error, "s.Get failed")\n\t}\n\treturn it, err\n',
    );
  });

  it('uses a span name that does not clash with a local span variable', () => {
    const { text } = instrument(
      'span_clash',
      `package p

import "context"
${STORE}
func Window(ctx context.Context, s Store, itemID string) error {
	span := 3
	_ = span
	if _, err := s.Get(ctx, itemID); err != nil {
		return err
	}
	return nil
}
`,
    );
    expect(text).toContain('ctx, otelSpan := tracer.Start(ctx, "p.Window"');
    expect(text).toContain('\t\totelSpan.RecordError(err)\n');
  });
});

describe('existing spans', () => {
  it('skips a tail call it cannot record without double-recording other paths', () => {
    const { plan, text } = instrument(
      'existing_tail',
      `package p

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)
${STORE}
var tracer = otel.Tracer("p")

func Move(ctx context.Context, s Store, itemID string) error {
	ctx, span := tracer.Start(ctx, "p.Move", trace.WithAttributes(attribute.String("service.operation", "move"), attribute.String("business.entity_id", itemID)))
	defer span.End()
	it, err := s.Get(ctx, itemID)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "get failed")
		return err
	}
	return s.Put(ctx, it)
}
`,
    );
    expect(plan.edits).toEqual([]);
    expect(text).toContain('return s.Put(ctx, it)');
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        gapType: 'missing_error_recording',
        reason: expect.stringMatching(/^line 30: .*--unsafe/),
      }),
    ]);
  });
});

describe('spans not ended', () => {
  const source = (body: string) => `package p

import (
	"context"

	"go.opentelemetry.io/otel"
)
${STORE}
var tracer = otel.Tracer("p")

func Sync(ctx context.Context, s Store, itemID string) error {
${body}
}
`;

  it('defers End after a function-level start, leaving explicit End calls to end their paths first', () => {
    const { text, report } = instrument(
      'some_paths',
      source(`	ctx, span := tracer.Start(ctx, "p.Sync")
	it, err := s.Get(ctx, itemID)
	if err != nil {
		return err
	}
	span.End()
	return s.Put(context.WithoutCancel(ctx), it)`),
    );
    expect(text).toMatch(
      /\tctx, span := tracer\.Start\(ctx, "p\.Sync"[^\n]*\n(\t\t[^\n]*\n)*\t\)\)\n\tdefer span\.End\(\)\n/,
    );
    expect(report.findings.filter((f) => f.rule_id === 'OTW103')).toHaveLength(1);
    expect(planFile('some_paths.go', text).report.findings.filter((f) => f.rule_id === 'OTW103')).toEqual([]);
  });

  it('leaves a span started in a block to the author, and says why', () => {
    const { plan } = instrument(
      'block_span',
      source(`	if itemID != "" {
		_, span := tracer.Start(ctx, "p.Sync")
		span.AddEvent("sync requested")
	}
	_, err := s.Get(ctx, itemID)
	return err`),
    );
    expect(plan.skipped).toContainEqual(
      expect.objectContaining({
        reason: expect.stringMatching(/^span-not-ended \(OTW103\): .*started inside a block/),
      }),
    );
  });
});

describe('handler factories', () => {
  it("starts the span in the returned literal from its request, not from the factory's own context", () => {
    const { text, plan } = instrument(
      'factory_context',
      `package p

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/trace"
)

type Store interface{ Load(ctx context.Context, id string) (string, error) }

type server struct {
	store  Store
	tracer trace.Tracer
}

func newServer(store Store, tp trace.TracerProvider) *server {
	return &server{store: store, tracer: tp.Tracer("p")}
}

// The receiver's tracer field is used from inside the literal, which captures the receiver.
func (s *server) handleGet() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := s.store.Load(r.Context(), r.URL.Query().Get("id"))
		if err != nil {
			http.Error(w, "failed", http.StatusInternalServerError)
			return
		}
		_, _ = w.Write([]byte(v))
	}
}

// A literal whose parameter hides the receiver cannot use its tracer field: the package tracer then.
func (s *server) handleShadow() http.HandlerFunc {
	return func(s http.ResponseWriter, r *http.Request) {
		s.WriteHeader(http.StatusNoContent)
	}
}

// The factory's ctx is the registration's: the span's parent is the request's.
func Health(ctx context.Context, store Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := store.Load(ctx, "health"); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}
}
`,
    );
    expect(plan.skipped).toEqual([]);
    expect(text).toContain(
      '\treturn func(w http.ResponseWriter, r *http.Request) {\n\t\tctx, span := s.tracer.Start(r.Context(), "p.handleGet"',
    );
    expect(text).toContain('\t\tr = r.WithContext(ctx)\n');
    expect(text).toContain('\t\t_, span := tracer.Start(r.Context(), "p.handleShadow"');
    expect(text).toContain('\t\t_, span := tracer.Start(r.Context(), "p.Health"');
    expect(text).not.toContain('tracer.Start(ctx,');
  });

  it('skips a factory that returns what it did not define, or hides a package the span needs', () => {
    const { plan } = instrument(
      'factory_skips',
      `package p

import (
	"net/http"

	"go.opentelemetry.io/otel/trace"
)

func logged(h http.HandlerFunc) http.HandlerFunc { return h }

func Orders(h http.HandlerFunc) http.HandlerFunc {
	return logged(func(w http.ResponseWriter, r *http.Request) { h(w, r) })
}

func Items() http.HandlerFunc {
	if true {
		return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }
	}
	return logged(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) })
}

func Traced(tp trace.TracerProvider) http.HandlerFunc {
	trace := tp.Tracer("p")
	return func(w http.ResponseWriter, r *http.Request) {
		_, span := trace.Start(r.Context(), "inner")
		defer span.End()
		w.WriteHeader(http.StatusOK)
	}
}

func Plain() http.HandlerFunc {
	trace := "x"
	return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(trace)) }
}
`,
    );
    expect(plan.edits).toEqual([]);
    expect(plan.skipped.map((s) => `${s.function} ${s.gapType}: ${s.reason}`)).toEqual([
      'Items missing_span: the factory returns logged(…), a call (a middleware chain?), not a function literal of its own: record the handler it returns by hand',
      // A span inside the returned literal is the factory's: no missing_span, only what that span lacks.
      'Traced missing_attributes: a local trace hides the imported package trace; rename it first',
      'Plain missing_span: a local trace hides the imported package trace; rename it first',
    ]);
  });

  it('tells the audit a factory takes its context from the handler it returns', () => {
    const { report } = planFile(
      'rationale.go',
      `package p

import (
	"context"
	"database/sql"
	"net/http"
)

type Store interface{ Load(ctx context.Context, id string) (string, error) }

func Get(store Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := store.Load(r.Context(), "x")
		if err != nil {
			http.Error(w, "failed", http.StatusInternalServerError)
			return
		}
		_, _ = w.Write([]byte(v))
	}
}

func Count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM t").Scan(&n)
	return n, err
}
`,
    );
    const rationale = (name: string) =>
      report.gaps.find((g) => g.function === name && g.gap_type === 'missing_span')?.rationale ?? '';
    expect(rationale('Get')).toContain('the span belongs at the top of the function literal it returns');
    expect(rationale('Get')).not.toContain('takes no context.Context');
    expect(rationale('Count')).toContain('takes no context.Context');
  });
});

const GOLDEN_MODULE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test/golden/go');

describe.skipIf(!hasGo())('every output above', () => {
  afterAll(() => compiled.clear());
  it('compiles and passes go vet', { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'otelwright-go-unit-'));
    try {
      cpSync(join(GOLDEN_MODULE, 'go.mod'), join(dir, 'go.mod'));
      cpSync(join(GOLDEN_MODULE, 'go.sum'), join(dir, 'go.sum'));
      for (const [name, text] of compiled) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, `${name}.go`), text);
      }
      const vet = run('go', ['vet', './...'], { cwd: dir });
      expect(`${vet.stdout}${vet.stderr}`).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
