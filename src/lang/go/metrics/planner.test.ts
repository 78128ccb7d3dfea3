import { describe, expect, it } from 'vitest';
import type { Gap } from '../../../audit/model.js';
import { applyEdits } from '../../../edit/apply-text.js';
import type { PlanResult, PlanTarget, SiblingFile } from '../../../instrument/types.js';
import { defaultStandards } from '../../../standards/defaults.js';
import type { Standards } from '../../../standards/types.js';
import { auditGo } from '../instrument/__fixtures__/golden-harness.js';
import { planGoMetrics } from './planner.js';

function planText(
  text: string,
  standards: Standards = defaultStandards(),
  siblings?: SiblingFile[],
): { plan: PlanResult; text: string } {
  const { facts, report } = auditGo('h.go', text, standards);
  const targets = facts.functions.flatMap((fn) => {
    const gaps = report.gaps.filter((g) => g.gap_type === 'missing_metric' && g.line === fn.line);
    return gaps.length > 0 ? [{ fn, gaps }] : [];
  });
  const plan = planGoMetrics({
    path: 'h.go',
    text,
    facts,
    targets,
    standards,
    service: 'shop',
    scopeName: 'example.com/shop/orders',
    unsafe: false,
    tracer: { existing: null, declareHere: true, name: 'tracer' },
    siblings,
  });
  return { plan, text: applyEdits('h.go', text, plan.edits) };
}

const HANDLER = `package orders

import (
	"net/http"
)

func List(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}
`;

describe('go metrics planner', () => {
  it('names instruments by the standards template and reads the required attributes from their variables', () => {
    const standards = defaultStandards();
    standards.metrics.name_template = '{subsystem}.{metric}';
    standards.metrics.required_attributes = ['deployment.environment.name', 'service.version', 'tenant.tier'];
    standards.service.environment_variable = 'APP_ENV';
    standards.service.version_variable = 'APP_VERSION';
    const { plan, text } = planText(HANDLER, standards);
    expect(text).toContain('"orders.request.duration"');
    expect(text).toContain('"orders.requests"');
    expect(text).toContain('attribute.String("deployment.environment.name", envOrUnknown("APP_ENV"))');
    expect(text).toContain('attribute.String("service.version", envOrUnknown("APP_VERSION"))');
    expect(plan.planned[0]?.summary).toContain('tenant.tier have no known source');
  });

  it('never uses the raw path, the URL or per-request values as attributes', () => {
    const { text } = planText(HANDLER);
    expect(text).not.toMatch(/r\.URL|RequestURI|r\.Host|PathValue|Header\.Get/);
    expect(text).toContain('status := rec.statusCode()');
    expect(text).toContain('requestMetricAttributes(r.Method, "List", status)');
  });

  it('leaves the file alone when a package variable takes an instrument name for something else', () => {
    const { plan } = planText(HANDLER.replace('func List', 'var requestCount int\n\nfunc List'));
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('declares requestCount');
  });

  it('does not reuse a statusRecorder type it did not write', () => {
    const { plan } = planText(
      HANDLER.replace('func List', 'type statusRecorder struct{ code int }\n\nfunc List'),
    );
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('statusRecorder');
  });
});

/** The first file's plan applied, as the pipeline passes it to the package's next file. */
const planned = (text: string) => planText(text).text;

describe('go metrics planner: the package-wide view', () => {
  const other = HANDLER.replace('func List', 'func Get');

  it('reuses the instruments and helpers another file of the package declares', () => {
    const { plan, text } = planText(HANDLER, defaultStandards(), [{ path: 'a.go', text: planned(other) }]);
    expect(plan.skipped).toEqual([]);
    expect(text).toContain('requestDuration.Record(');
    expect(text).not.toMatch(
      /requestDuration =|func mustInstrument|requestMetricResource =|type statusRecorder/,
    );
    expect(text).not.toMatch(/func (envOrUnknown|requestMetricAttributes|httpMethodLabel)/);
  });

  it('declares only what the siblings lack', () => {
    const gin = `package orders

import "github.com/gin-gonic/gin"

func Ping(c *gin.Context) {}
`;
    // The gin file has no statusRecorder: the net/http file declares it, and nothing else.
    const { text } = planText(HANDLER, defaultStandards(), [{ path: 'a.go', text: planned(gin) }]);
    expect(text).toContain('type statusRecorder struct');
    expect(text).not.toMatch(/requestDuration =|func mustInstrument|func envOrUnknown/);
  });

  it('reuses a once-created histogram and counter of a sibling, but not an int64 histogram', () => {
    const instruments = `package orders

import "go.opentelemetry.io/otel"

var meter = otel.Meter("orders")

var (
	latency, _ = meter.Float64Histogram("orders.latency")
	sizes, _   = meter.Int64Histogram("orders.size")
	hits, _    = meter.Int64Counter("orders.hits")
)
`;
    const { text } = planText(HANDLER, defaultStandards(), [{ path: 'm.go', text: instruments }]);
    expect(text).toContain('latency.Record(r.Context(), time.Since(start).Seconds(), attrs)');
    expect(text).toContain('hits.Add(r.Context(), 1, attrs)');
    expect(text).not.toContain('sizes.Record');
    expect(text).not.toMatch(/requestDuration|requestCount/);
  });

  it('skips with a reason when a sibling takes an instrument name for something else', () => {
    const { plan } = planText(HANDLER, defaultStandards(), [
      { path: 'store.go', text: 'package orders\n\nfunc requestDuration() int { return 0 }\n' },
    ]);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('the package (store.go) declares requestDuration');
  });

  it('counts a same-package test file’s names as clashes, never reuses its declarations', () => {
    const helpers = planned(other).replace('package orders', 'package orders // test');
    const { plan } = planText(HANDLER, defaultStandards(), [{ path: 'orders_test.go', text: helpers }]);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('(orders_test.go) declares');
  });

  it('ignores an external test package and files of another package', () => {
    const external = 'package orders_test\n\nvar requestCount = 1\n\ntype statusRecorder struct{}\n';
    const { plan, text } = planText(HANDLER, defaultStandards(), [
      { path: 'orders_test.go', text: external },
      { path: 'gen.go', text: planned(other).replace('package orders', 'package other') },
    ]);
    expect(plan.skipped).toEqual([]);
    expect(text).toContain('requestCount = mustInstrument(');
    expect(text).toContain('type statusRecorder struct');
  });

  it('does not reuse what a file behind a build constraint declares', () => {
    const constrained = `//go:build linux\n\n${planned(other)}`;
    const { plan } = planText(HANDLER, defaultStandards(), [{ path: 'a_linux.go', text: constrained }]);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('(a_linux.go) declares');
  });

  it('keeps a new import clear of a name another file of the package declares', () => {
    const { text } = planText(HANDLER, defaultStandards(), [
      { path: 'clock.go', text: 'package orders\n\nvar time = 3\n' },
    ]);
    expect(text).toContain('stdtime "time"');
    expect(text).toContain('}(stdtime.Now())');
  });
});

describe('go metrics planner: echo', () => {
  const ECHO = `package items

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func Get(c echo.Context) error {
	return c.NoContent(http.StatusOK)
}

func Named(c echo.Context) (failure error) {
	return nil
}

func Blank(_ echo.Context) error {
	err := work()
	return err
}

func Register(e *echo.Echo) {
	g := e.Group("/v1")
	g.GET("/items/:id", Get)
}
`;

  it('names the error result without changing the type, and reads the status after the handler', () => {
    const { plan, text } = planText(ECHO);
    expect(plan.skipped).toEqual([]);
    expect(text).toContain('func Get(c echo.Context) (err error) {');
    expect(text).toContain('status := echoResponseStatus(c, err)');
    expect(text).toContain(
      'requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "/v1/items/:id"), status)',
    );
    // An existing name is kept; a body that uses err gets another name; a blank context is named.
    expect(text).toContain('func Named(c echo.Context) (failure error) {');
    expect(text).toContain('echoResponseStatus(c, failure)');
    expect(text).toContain('func Blank(c echo.Context) (retErr error) {');
    expect(text).toContain(
      'requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "Blank"), status)',
    );
    expect(text.match(/func echoResponseStatus/g)).toHaveLength(1);
    expect(text.match(/func echoMatchedRoute/g)).toHaveLength(1);
  });

  it('plans nothing the second time', () => {
    const once = planText(ECHO).text;
    expect(planText(once).plan.edits).toEqual([]);
  });
});

describe('go metrics planner: routes of chi and gorilla/mux registrations', () => {
  it('records the registered template as http.route', () => {
    const chi = `package orders

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func CustomerOrders(w http.ResponseWriter, r *http.Request) {}

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/customers", func(r chi.Router) {
		r.Route("/{customerID}", func(r chi.Router) {
			r.Get("/orders", CustomerOrders)
		})
	})
	return r
}
`;
    expect(planText(chi).text).toContain(
      'requestMetricAttributes(r.Method, chiMatchedRoute(r, "/customers/{customerID}/orders"), status)',
    );
    const gorilla = `package orders

import (
	"net/http"

	"github.com/gorilla/mux"
)

func GetOrder(w http.ResponseWriter, r *http.Request) {}

func Routes() *mux.Router {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/orders/{id}", GetOrder).Methods(http.MethodGet)
	return r
}
`;
    expect(planText(gorilla).text).toContain(
      'requestMetricAttributes(r.Method, gorillaMatchedRoute(r, "/api/orders/{id}"), status)',
    );
  });
});

describe('go metrics planner: echo versions', () => {
  it('says why an echo handler of another major version is left alone', () => {
    const v5 =
      'package items\n\nimport "github.com/labstack/echo"\n\nfunc Get(c echo.Context) error {\n\treturn nil\n}\n';
    const { plan } = planText(v5);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('only echo v4 handlers are covered');
  });
});

/**
 * Plans `names` as handlers whether or not the audit sees them as such (a factory returning a variable
 * is not one to the audit), to show what the planner does with whatever reaches it.
 */
function planAsHandlers(text: string, names: string[]): { plan: PlanResult; text: string } {
  const standards = defaultStandards();
  const { facts } = auditGo('h.go', text, standards);
  const targets: PlanTarget[] = facts.functions
    .filter((fn) => names.includes(fn.name))
    .map((fn) => ({
      fn: { ...fn, handler: fn.handler ?? { framework: 'net/http', route: null, method: null } },
      gaps: [
        {
          gap_type: 'missing_metric',
          function: fn.qualifiedName,
          line: fn.line,
          details: [],
        } as unknown as Gap,
      ],
    }));
  const plan = planGoMetrics({
    path: 'h.go',
    text,
    facts,
    targets,
    standards,
    service: 'shop',
    scopeName: 'example.com/shop/orders',
    unsafe: false,
    tracer: { existing: null, declareHere: true, name: 'tracer' },
  });
  return { plan, text: applyEdits('h.go', text, plan.edits) };
}

describe('go metrics planner: handler factories', () => {
  const FACTORY = (body: string) => `package orders

import (
	"net/http"
)

type server struct {
	cached http.HandlerFunc
}

func (s *server) handleList() http.HandlerFunc {
${body}
}

func (s *server) routes(mux *http.ServeMux) {
	mux.HandleFunc("/orders", s.handleList())
}
`;

  it('records in the literal the factory returns, with its parameters and the registered route', () => {
    const { plan, text } = planText(
      FACTORY('\tstart := 1\n\treturn func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(start) }'),
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.planned[0]?.summary).toContain('in the handler the factory returns; route /orders');
    // The blank request is named; the factory's captured `start` is not shadowed; the body keeps its line.
    expect(text).toContain(
      'return func(w http.ResponseWriter, r *http.Request) {\n\t\trec := &statusRecorder',
    );
    expect(text).toContain('defer func(metricsStart time.Time) {');
    expect(text).toMatch(/\}\(time\.Now\(\)\)\n\t\t w\.WriteHeader\(start\) \}/);
    expect(planText(text).plan.edits).toEqual([]);
  });

  it('skips a factory that returns a variable, even beside a literal it returns', () => {
    const memoised = FACTORY(`\tif s.cached != nil {
\t\treturn s.cached
\t}
\treturn func(w http.ResponseWriter, r *http.Request) {}`);
    const audited = planText(memoised);
    expect(audited.plan.edits).toEqual([]);
    expect(audited.plan.skipped[0]?.reason).toBe(
      'the factory returns s.cached, a variable it does not define, not a function literal of its own: record the handler it returns by hand',
    );
    const variable = FACTORY(`\th := func(w http.ResponseWriter, r *http.Request) {}
\treturn h`);
    const forced = planAsHandlers(variable, ['handleList']);
    expect(forced.plan.edits).toEqual([]);
    expect(forced.plan.skipped[0]?.reason).toContain('the factory returns h, a variable it does not define');
  });

  it('skips a factory whose literal is returned from another closure, and leaves nested literals alone', () => {
    const nested = FACTORY(`\tbuild := func(name string) http.HandlerFunc {
\t\treturn func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(name)) }
\t}
\treturn build("list")`);
    const { plan } = planAsHandlers(nested, ['handleList']);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('the factory returns build(…), a call (a middleware chain?)');
    // Beside a literal the factory returns itself, only that one is instrumented.
    const both = FACTORY(`\tbuild := func(name string) http.HandlerFunc {
\t\treturn func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(name)) }
\t}
\t_ = build
\treturn func(w http.ResponseWriter, r *http.Request) {}`);
    const planned = planText(both);
    expect(planned.plan.skipped).toEqual([]);
    expect(planned.text.match(/defer func\(/g)).toHaveLength(1);
    expect(planned.text).toContain(
      '\t\treturn func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(name)) }',
    );
  });

  it('skips a middleware chain and a literal that is not a handler', () => {
    const chain = FACTORY('\treturn s.auth(func(w http.ResponseWriter, r *http.Request) {})').replace(
      'func (s *server) routes',
      'func (s *server) auth(next http.HandlerFunc) http.HandlerFunc { return next }\n\nfunc (s *server) routes',
    );
    const { plan } = planText(chain);
    expect(plan.edits).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('the factory returns s.auth(…), a call (a middleware chain?)');
    const wrong = FACTORY('\treturn http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})');
    expect(planText(wrong).plan.skipped[0]?.reason).toContain('the handler’s parameters are unnamed');
  });

  it('instruments gin and echo factories, naming the echo literal’s error result', () => {
    const gin = `package orders

import "github.com/gin-gonic/gin"

func List(n int) gin.HandlerFunc { return func(c *gin.Context) { c.Status(200 + n) } }

func Register(r *gin.Engine) {
	r.GET("/orders", List(4))
}
`;
    const g = planText(gin);
    expect(g.plan.skipped).toEqual([]);
    expect(g.text).toContain(
      'requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/orders"), status)',
    );
    expect(planText(g.text).plan.edits).toEqual([]);
    const echo = `package items

import "github.com/labstack/echo/v4"

func Get(store map[string]string) echo.HandlerFunc {
	return func(c echo.Context) error {
		return c.String(200, store[c.Param("id")])
	}
}

func Register(e *echo.Echo) {
	e.GET("/items/:id", Get(nil))
}
`;
    const e = planText(echo);
    expect(e.plan.skipped).toEqual([]);
    expect(e.text).toContain('return func(c echo.Context) (err error) {');
    expect(e.text).toContain('status := echoResponseStatus(c, err)');
    expect(e.text).toContain(
      'requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "/items/:id"), status)',
    );
    expect(planText(e.text).plan.edits).toEqual([]);
  });
});

describe('go metrics planner: the matched route read at run time', () => {
  const CHI_ROUTES = `package orders

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (h *Handler) Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/api", func(r chi.Router) {
		r.Mount("/orders", h.orderRoutes())
	})
	return r
}

func (h *Handler) orderRoutes() chi.Router {
	r := chi.NewRouter()
	r.Get("/{id}", h.GetOrder)
	return r
}
`;
  const HANDLERS = `package orders

import "net/http"

type Handler struct{}

func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) Health(w http.ResponseWriter, r *http.Request) {}
`;

  it('a handler registered on chi in the same file: RoutePattern() first, the full static route as fallback', () => {
    const oneFile = `package orders

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

type Handler struct{}

func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}
${CHI_ROUTES.slice(CHI_ROUTES.indexOf('func (h *Handler) Routes()') - 1)}`;
    const { plan, text } = planText(oneFile);
    expect(plan.skipped).toEqual([]);
    expect(text).toContain(
      'requestMetricAttributes(r.Method, chiMatchedRoute(r, "/api/orders/{id}"), status)',
    );
    expect(text).toContain('if rctx := chi.RouteContext(r.Context()); rctx != nil {');
    expect(plan.planned.find((p) => p.function === 'Handler.GetOrder')?.summary).toContain(
      'http.route is chi’s matched pattern (RoutePattern()) at run time, else /api/orders/{id}',
    );
  });

  it('a handler another file of the package registers on chi: the helper imports chi, once per package', () => {
    const siblings = [{ path: 'routes.go', text: CHI_ROUTES }];
    const { plan, text } = planText(HANDLERS, defaultStandards(), siblings);
    expect(plan.skipped).toEqual([]);
    // The audit of this file alone does not see the registration: the static fallback is the name.
    expect(text).toContain('chiMatchedRoute(r, "Handler.GetOrder")');
    expect(text).toContain('\t"github.com/go-chi/chi/v5"');
    expect(text.match(/func chiMatchedRoute/g)).toHaveLength(1);
    // Health is registered nowhere: static only.
    expect(text).toContain('requestMetricAttributes(r.Method, "Handler.Health", status)');
    expect(planText(text, defaultStandards(), siblings).plan.edits).toEqual([]);
    // A sibling that already declares the helper is reused: no second declaration, no chi import here.
    const declared = `package orders\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc chiMatchedRoute(r *http.Request, fallback string) string {\n\tif rctx := chi.RouteContext(r.Context()); rctx != nil {\n\t\treturn rctx.RoutePattern()\n\t}\n\treturn fallback\n}\n`;
    const reused = planText(HANDLERS, defaultStandards(), [
      ...siblings,
      { path: 'route.go', text: declared },
    ]);
    expect(reused.text).toContain('chiMatchedRoute(r, "Handler.GetOrder")');
    expect(reused.text).not.toContain('func chiMatchedRoute');
    expect(reused.text).not.toContain('go-chi');
  });

  it('stays static without a chi v5 import in the package, or for a test file’s registration', () => {
    const v4 = CHI_ROUTES.replace('github.com/go-chi/chi/v5', 'github.com/go-chi/chi');
    expect(planText(HANDLERS, defaultStandards(), [{ path: 'routes.go', text: v4 }]).text).toContain(
      'requestMetricAttributes(r.Method, "Handler.GetOrder", status)',
    );
    const inTest = planText(HANDLERS, defaultStandards(), [{ path: 'routes_test.go', text: CHI_ROUTES }]);
    expect(inTest.text).toContain('requestMetricAttributes(r.Method, "Handler.GetOrder", status)');
    expect(inTest.text).not.toContain('MatchedRoute');
  });

  it('a net/http ServeMux handler keeps its static pattern (exact for ServeMux)', () => {
    const mux = `package orders

import "net/http"

func Get(w http.ResponseWriter, r *http.Request) {}

func Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", Get)
	return mux
}
`;
    const { text } = planText(mux);
    expect(text).toContain('requestMetricAttributes(r.Method, "/orders/{id}", status)');
    expect(text).not.toContain('r.Pattern');
    expect(text).not.toContain('MatchedRoute');
  });

  it('gin: c.FullPath() first, the group route as fallback; the helper is declared once', () => {
    const gin = `package orders

import "github.com/gin-gonic/gin"

func Get(c *gin.Context) { c.Status(200) }

func List(c *gin.Context) { c.Status(200) }

func Register(r *gin.Engine) {
	api := r.Group("/api")
	api.GET("/orders/:id", Get)
	api.GET("/orders", List)
}
`;
    const { text } = planText(gin);
    expect(text).toContain(
      'requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/api/orders/:id"), status)',
    );
    expect(text).toContain(
      'requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/api/orders"), status)',
    );
    expect(text.match(/func ginMatchedRoute\(c \*gin\.Context, fallback string\) string/g)).toHaveLength(1);
    expect(planText(text).plan.edits).toEqual([]);
  });

  it('skips with a reason when the package takes a helper’s name for something else', () => {
    const gin = `package orders

import "github.com/gin-gonic/gin"

var ginMatchedRoute = "x"

func Get(c *gin.Context) { c.Status(200) }
`;
    const { plan } = planText(gin);
    expect(plan.skipped[0]?.reason).toContain('declares ginMatchedRoute');
  });
});
