import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../facts.js';
import { goAdapter } from './adapter.js';

function facts(imports: string, body: string): FileFacts {
  const text = `package main\n\nimport (\n${imports}\n)\n\n${body}`;
  return goAdapter.extractFacts({
    path: 'cmd/api/main.go',
    text,
    language: 'go',
    packageHint: 'main',
    scopeHint: 'x',
  });
}

const summary = (f: FileFacts) =>
  f.routes.map(
    (r) =>
      `${r.framework} ${r.method ?? '*'} ${r.route} -> ${r.handler}${r.autoInstrumented ? ' (auto)' : ''}`,
  );

describe('route registrations', () => {
  it('reads net/http muxes with Go 1.22 patterns and unwraps handler wrappers', () => {
    const f = facts(
      '\t"net/http"\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"',
      `func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders/{id}", h.Update)
	mux.Handle("/orders", http.HandlerFunc(h.List))
	mux.HandleFunc(http.MethodDelete+" /orders/{id}", h.Delete)
	mux.Handle("GET /items", otelhttp.WithRouteTag("/items", http.HandlerFunc(h.Items)))
	http.HandleFunc("example.com/health", health)
	cache.Get("key", &v)
}
`,
    );
    expect(summary(f)).toEqual([
      'net/http POST /orders/{id} -> h.Update',
      'net/http * /orders -> h.List',
      'net/http DELETE /orders/{id} -> h.Delete',
      'net/http GET /items -> h.Items (auto)',
      'net/http * /health -> health',
    ]);
    expect(f.routes[0]?.line).toBe(10);
  });
  it('reads gorilla/mux methods and subrouter prefixes', () => {
    const f = facts(
      '\t"github.com/gorilla/mux"',
      'func routes(h *Handler) {\n\tr := mux.NewRouter()\n\tapi := r.PathPrefix("/api").Subrouter()\n\tapi.HandleFunc("/orders", h.Create).Methods("POST")\n\tr.HandleFunc("/health", h.Health)\n}\n',
    );
    expect(summary(f)).toEqual([
      'gorilla/mux POST /api/orders -> h.Create',
      'gorilla/mux * /health -> h.Health',
    ]);
  });
  it('reads chi verbs, Route prefixes and router parameters', () => {
    const f = facts(
      '\t"github.com/go-chi/chi/v5"',
      `func Register(r chi.Router, h *Handler) {
	r.Get("/orders", h.List)
	r.Route("/orders/{id}", func(r chi.Router) {
		r.Put("/", h.Update)
		r.Method("DELETE", "/", http.HandlerFunc(h.Delete))
	})
}
`,
    );
    expect(summary(f)).toEqual([
      'chi GET /orders -> h.List',
      'chi PUT /orders/{id} -> h.Update',
      'chi DELETE /orders/{id} -> h.Delete',
    ]);
  });
  it('reads gin groups with middlewares before the handler', () => {
    const f = facts(
      '\t"github.com/gin-gonic/gin"',
      'func main() {\n\tr := gin.Default()\n\tv1 := r.Group("/v1")\n\torders := v1.Group("/orders", auth())\n\torders.POST("", auth(), h.Create)\n\tr.GET("/health", health)\n}\n',
    );
    expect(summary(f)).toEqual(['gin POST /v1/orders -> h.Create', 'gin GET /health -> health']);
  });
  it('keeps a call of an unknown function as a possible handler factory beside what it wraps', () => {
    const f = facts(
      '\t"net/http"\n\t"github.com/gin-gonic/gin"',
      `func main() {
	r := gin.Default()
	r.GET("/orders", ListOrders(svc))
	r.GET("/admin", auth(h.Admin))
	mux := http.NewServeMux()
	mux.HandleFunc("/health", s.health())
	mux.Handle("/items", http.HandlerFunc(h.Items))
}
`,
    );
    // The audit keeps whichever names a handler: a factory (ListOrders) or the handler a middleware wraps.
    expect(summary(f)).toEqual([
      'gin GET /orders -> svc',
      'gin GET /orders -> ListOrders(svc)',
      'gin GET /admin -> h.Admin',
      'gin GET /admin -> auth(h.Admin)',
      'net/http * /health -> s.health()',
      'net/http * /items -> h.Items',
    ]);
  });
  it('reads echo (handler right after the path) and fiber', () => {
    const echo = facts(
      '\t"github.com/labstack/echo/v4"',
      'func main() {\n\te := echo.New()\n\te.POST("/orders", h.Create, mw)\n}\n',
    );
    expect(summary(echo)).toEqual(['echo POST /orders -> h.Create']);
    const fiber = facts(
      '\t"github.com/gofiber/fiber/v2"',
      'func main() {\n\tapp := fiber.New()\n\tapp.Get("/orders", h.List)\n}\n',
    );
    expect(summary(fiber)).toEqual(['other GET /orders -> h.List']);
    const unknown = facts(
      '\t"github.com/go-playground/pure/v5"',
      'func main() {\n\tr := pure.New()\n\tr.Get("/", home)\n\tc.Get("key", &v)\n}\n',
    );
    expect(summary(unknown)).toEqual(['other GET / -> home']);
  });
});

describe('auto-instrumentation', () => {
  it('finds contrib instrumentation under any import name, and what it covers', () => {
    const f = facts(
      '\t"net/http"\n\thttptrace "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"\n\t"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"\n\t"go.opentelemetry.io/contrib/instrumentation/github.com/gorilla/mux/otelmux"\n\t"go.opentelemetry.io/contrib/instrumentation/github.com/labstack/echo/otelecho"\n\t"github.com/riandyrn/otelchi"\n\t"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"',
      `var client = &http.Client{Transport: httptrace.NewTransport(http.DefaultTransport)}

func main() {
	g.Use(otelgin.Middleware("api"))
	r.Use(otelmux.Middleware("api"))
	e.Use(otelecho.Middleware("api"))
	c.Use(otelchi.Middleware("api"))
	grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler()))
	http.ListenAndServe(":8080", httptrace.NewHandler(mux, "api"))
	otelhttp.NewHandler(mux, "not imported")
}
`,
    );
    expect(
      f.autoInstrumentation.map((a) => [
        a.library,
        a.line,
        a.covers.serverSpans,
        a.covers.serverMetrics,
        a.covers.clientSpans,
      ]),
    ).toEqual([
      ['otelhttp', 13, false, false, true],
      ['otelgin', 16, true, false, false],
      ['otelmux', 17, true, false, false],
      ['otelecho', 18, true, false, false],
      ['otelchi', 19, true, false, false],
      ['otelgrpc', 20, true, true, false],
      ['otelhttp', 21, true, true, false],
    ]);
  });
  it('marks functions wrapped by auto-instrumentation in the same file', () => {
    const f = facts(
      '\t"net/http"\n\t"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"',
      'func health(w http.ResponseWriter, r *http.Request) {}\n\nfunc other(w http.ResponseWriter, r *http.Request) {}\n\nfunc main() {\n\thttp.Handle("/health", otelhttp.NewHandler(http.HandlerFunc(health), "health"))\n}\n',
    );
    expect(f.functions.map((fn) => [fn.name, fn.autoInstrumented?.library ?? null])).toEqual([
      ['health', 'otelhttp'],
      ['other', null],
      ['main', null],
    ]);
    // Wrapping one handler covers that handler, not every handler of the service.
    expect(f.autoInstrumentation).toEqual([]);
    expect(f.routes.map((r) => [r.handler, r.autoInstrumented])).toEqual([['health', true]]);
  });
});

describe('route templates for metrics (chi, gorilla/mux)', () => {
  it('chi: verbs, nested Route blocks, With and Group', () => {
    const f = facts(
      '\t"net/http"\n\t"github.com/go-chi/chi/v5"',
      `func Routes(h *Handler) http.Handler {
	r := chi.NewRouter()
	r.Get("/orders/{id}", h.Get)
	r.Route("/customers", func(r chi.Router) {
		r.Post("/", h.CreateCustomer)
		r.Route("/{customerID}", func(r chi.Router) {
			r.Get("/orders", h.CustomerOrders)
			r.With(auth).Delete("/", h.DeleteCustomer)
		})
	})
	r.Group(func(r chi.Router) {
		r.Use(auth)
		r.Patch("/orders/{id}", h.Update)
	})
	return r
}
`,
    );
    expect(summary(f)).toEqual([
      'chi GET /orders/{id} -> h.Get',
      'chi POST /customers -> h.CreateCustomer',
      'chi GET /customers/{customerID}/orders -> h.CustomerOrders',
      'chi DELETE /customers/{customerID} -> h.DeleteCustomer',
      'chi PATCH /orders/{id} -> h.Update',
    ]);
  });

  it('gorilla/mux: Methods (literal or http.Method*), chained and nested subrouters', () => {
    const f = facts(
      '\t"net/http"\n\t"github.com/gorilla/mux"',
      `func Routes(h *Handler) *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/orders/{id}", h.Get).Methods("GET")
	r.HandleFunc("/orders", h.Create).Methods(http.MethodPost)
	api := r.PathPrefix("/api").Subrouter()
	v1 := api.PathPrefix("/v1").Subrouter()
	v1.HandleFunc("/items/{id:[0-9]+}", h.Item).Methods("GET", "HEAD")
	v1.Handle("/health", http.HandlerFunc(h.Health))
	return r
}
`,
    );
    expect(summary(f)).toEqual([
      'gorilla/mux GET /orders/{id} -> h.Get',
      'gorilla/mux POST /orders -> h.Create',
      'gorilla/mux GET /api/v1/items/{id:[0-9]+} -> h.Item',
      'gorilla/mux * /api/v1/health -> h.Health',
    ]);
  });

  it('echo: groups, nested groups and middlewares after the handler', () => {
    const f = facts(
      '\t"github.com/labstack/echo/v4"',
      `func Register(e *echo.Echo, h *Handler) {
	e.GET("/orders/:id", h.Get)
	api := e.Group("/api", auth)
	v1 := api.Group("/v1")
	v1.POST("/orders", h.Create, audit)
	v1.Any("/ping", h.Ping)
}
`,
    );
    expect(summary(f)).toEqual([
      'echo GET /orders/:id -> h.Get',
      'echo POST /api/v1/orders -> h.Create',
      'echo * /api/v1/ping -> h.Ping',
    ]);
  });

  it('chi: Mount of a function of the file, of a router variable, Route with a method value, nested', () => {
    const f = facts(
      '\t"net/http"\n\t"github.com/go-chi/chi/v5"',
      `func (h *Handler) Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/api", func(r chi.Router) {
		r.Mount("/orders", h.orderRoutes())
		r.Route("/customers", h.customerRoutes)
		r.Group(func(r chi.Router) {
			r.Get("/health", h.Health)
		})
	})
	admin := chi.NewRouter()
	admin.Delete("/cache", h.Purge)
	r.Mount("/admin", admin)
	return r
}

func (h *Handler) orderRoutes() chi.Router {
	r := chi.NewRouter()
	r.Get("/{id}", h.GetOrder)
	r.Post("/", h.CreateOrder)
	r.Mount("/items", h.itemRoutes())
	return r
}

func (h *Handler) itemRoutes() http.Handler {
	r := chi.NewRouter()
	r.Get("/{itemID}", h.GetItem)
	return r
}

func (h *Handler) customerRoutes(r chi.Router) {
	r.Get("/{id}", h.GetCustomer)
	r.Route("/{id}/orders", func(r chi.Router) {
		r.Get("/", h.CustomerOrders)
	})
}
`,
    );
    expect(summary(f)).toEqual([
      'chi GET /api/health -> h.Health',
      'chi DELETE /admin/cache -> h.Purge',
      'chi GET /api/orders/{id} -> h.GetOrder',
      'chi POST /api/orders -> h.CreateOrder',
      'chi GET /api/orders/items/{itemID} -> h.GetItem',
      'chi GET /api/customers/{id} -> h.GetCustomer',
      'chi GET /api/customers/{id}/orders -> h.CustomerOrders',
    ]);
  });

  it('a router or group passed to a function of the file prefixes what it registers on that parameter', () => {
    const f = facts(
      '\t"github.com/gin-gonic/gin"',
      `func Register(r *gin.Engine, h *Handler) {
	api := r.Group("/api")
	registerOrders(api.Group("/x"), h)
	registerOrders(api, h)
	h.registerAdmin(r, api)
}

func registerOrders(g *gin.RouterGroup, h *Handler) {
	v1 := g.Group("/v1")
	v1.GET("/orders/:id", h.GetOrder)
}

func (h *Handler) registerAdmin(root *gin.Engine, api *gin.RouterGroup) {
	root.GET("/ping", h.Ping)
	api.DELETE("/cache", h.Purge)
}
`,
    );
    expect(summary(f)).toEqual([
      'gin GET /api/v1/orders/:id -> h.GetOrder',
      'gin GET /ping -> h.Ping',
      'gin DELETE /api/cache -> h.Purge',
    ]);
  });

  it('a mount of a router another file builds leaves the registrations as written', () => {
    const f = facts(
      '\t"github.com/go-chi/chi/v5"',
      `func routes(h *Handler) chi.Router {
	r := chi.NewRouter()
	r.Mount("/orders", orders.Routes())
	r.Mount("/items", h.itemRoutes())
	r.Get("/{id}", h.Get)
	return r
}
`,
    );
    expect(summary(f)).toEqual(['chi GET /{id} -> h.Get']);
  });
});
