package factories

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// HTTP server metrics, created once from the global MeterProvider.
var (
	requestDuration = mustInstrument(otel.Meter("example.com/shop/factories").Float64Histogram(
		"shop.factories.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of the HTTP requests this package handles."),
	))
	requestCount = mustInstrument(otel.Meter("example.com/shop/factories").Int64Counter(
		"shop.factories.requests",
		metric.WithUnit("{request}"),
		metric.WithDescription("Number of HTTP requests this package handles."),
	))
	// Read once at start-up: every measurement of this process carries the same values.
	requestMetricResource = []attribute.KeyValue{
		attribute.String("environment", envOrUnknown("DEPLOYMENT_ENVIRONMENT")),
		attribute.String("service.version", envOrUnknown("SERVICE_VERSION")),
	}
)

// mustInstrument keeps the instrument even when its creation reports an error (the SDK still returns a
// usable one) and hands the error to the OpenTelemetry error handler instead of dropping it.
func mustInstrument[T any](instrument T, err error) T {
	if err != nil {
		otel.Handle(err)
	}
	return instrument
}

// envOrUnknown reads a deployment setting for the attributes every measurement carries.
func envOrUnknown(name string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return "unknown"
}

// requestMetricAttributes are the low-cardinality attributes of one request's measurements: the route
// template (never the raw path), the status code the client received, and error.type on server errors only.
func requestMetricAttributes(method, route string, status int) metric.MeasurementOption {
	attrs := append([]attribute.KeyValue{
		attribute.String("http.request.method", httpMethodLabel(method)),
		attribute.String("http.route", route),
		attribute.Int("http.response.status_code", status),
	}, requestMetricResource...)
	if status >= 500 {
		attrs = append(attrs, attribute.String("error.type", strconv.Itoa(status)))
	}
	return metric.WithAttributes(attrs...)
}

// httpMethodLabel bounds the method attribute: a method outside the HTTP standard becomes "_OTHER".
func httpMethodLabel(method string) string {
	switch method {
	case "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE":
		return method
	}
	return "_OTHER"
}

// statusRecorder remembers the status code the client received, for the request metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Flush keeps streaming handlers streaming through the wrapper.
func (r *statusRecorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter {
	return r.ResponseWriter
}

// statusCode is what the client received: net/http sends 200 when the handler writes nothing.
func (r *statusRecorder) statusCode() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// ginMatchedRoute is the route template gin matched for the request, group prefixes included
// (c.FullPath()), or fallback when no route matched.
func ginMatchedRoute(c *gin.Context, fallback string) string {
	if route := c.FullPath(); route != "" {
		return route
	}
	return fallback
}

type Order struct {
	ID    string `json:"id"`
	Total int    `json:"total"`
}

type server struct {
	router      *http.ServeMux
	orders      map[string]Order
	maintenance bool
}

func newServer(orders map[string]Order, maintenance bool) *server {
	s := &server{router: http.NewServeMux(), orders: orders, maintenance: maintenance}
	s.routes()
	return s
}

func (s *server) routes() {
	s.router.HandleFunc("GET /orders/{id}", s.handleOrder())
	s.router.Handle("/health", s.health())
	s.router.HandleFunc("/admin", s.handleAdmin())
}

// handleOrder's setup runs once, at registration; the function it returns serves the requests.
func (s *server) handleOrder() http.HandlerFunc {
	type response struct {
		Order Order `json:"order"`
	}
	respond := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		w = rec
		defer func(start time.Time) {
			status := rec.statusCode()
			panicked := recover()
			if panicked != nil {
				// A recovering middleware answers 500, or the connection drops: a server error either way.
				status = http.StatusInternalServerError
			}
			attrs := requestMetricAttributes(r.Method, "/orders/{id}", status)
			requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
			requestCount.Add(r.Context(), 1, attrs)
			if panicked != nil {
				panic(panicked) // re-raised unchanged, for the server or the middleware above
			}
		}(time.Now())
		order, ok := s.orders[r.PathValue("id")]
		if !ok {
			http.Error(w, "order not found", http.StatusNotFound)
			return
		}
		if order.Total < 0 {
			http.Error(w, "ledger unavailable", http.StatusBadGateway)
			return
		}
		respond(w, http.StatusOK, response{Order: order})
	}
}

// health returns one of two handlers, each converted to http.HandlerFunc.
func (s *server) health() http.Handler {
	if s.maintenance {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &statusRecorder{ResponseWriter: w}
			w = rec
			defer func(start time.Time) {
				status := rec.statusCode()
				panicked := recover()
				if panicked != nil {
					// A recovering middleware answers 500, or the connection drops: a server error either way.
					status = http.StatusInternalServerError
				}
				attrs := requestMetricAttributes(r.Method, "/health", status)
				requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
				requestCount.Add(r.Context(), 1, attrs)
				if panicked != nil {
					panic(panicked) // re-raised unchanged, for the server or the middleware above
				}
			}(time.Now())
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		w = rec
		defer func(start time.Time) {
			status := rec.statusCode()
			panicked := recover()
			if panicked != nil {
				// A recovering middleware answers 500, or the connection drops: a server error either way.
				status = http.StatusInternalServerError
			}
			attrs := requestMetricAttributes(r.Method, "/health", status)
			requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
			requestCount.Add(r.Context(), 1, attrs)
			if panicked != nil {
				panic(panicked) // re-raised unchanged, for the server or the middleware above
			}
		}(time.Now())
		w.Write([]byte("ok"))
	})
}

// handleAdmin returns a middleware chain, not a literal of its own: left for a person to instrument.
func (s *server) handleAdmin() http.HandlerFunc {
	return s.requireAdmin(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *server) requireAdmin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Admin") == "" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next(w, r)
	}
}

type Payments struct {
	balances map[string]int
}

func ListPayments(p *Payments) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func(start time.Time) {
			status := c.Writer.Status()
			panicked := recover()
			if panicked != nil {
				// A recovering middleware answers 500, or the connection drops: a server error either way.
				status = http.StatusInternalServerError
			}
			attrs := requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/payments"), status)
			requestDuration.Record(c.Request.Context(), time.Since(start).Seconds(), attrs)
			requestCount.Add(c.Request.Context(), 1, attrs)
			if panicked != nil {
				panic(panicked) // re-raised unchanged, for the server or the middleware above
			}
		}(time.Now())
		balance, ok := p.balances[c.Query("account")]
		if !ok {
			c.JSON(http.StatusNotFound, gin.H{"error": "unknown account"})
			return
		}
		if balance < 0 {
			panic("negative balance")
		}
		c.JSON(http.StatusOK, gin.H{"balance": balance})
	}
}

func Ping() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func(start time.Time) {
			status := c.Writer.Status()
			panicked := recover()
			if panicked != nil {
				// A recovering middleware answers 500, or the connection drops: a server error either way.
				status = http.StatusInternalServerError
			}
			attrs := requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/ping"), status)
			requestDuration.Record(c.Request.Context(), time.Since(start).Seconds(), attrs)
			requestCount.Add(c.Request.Context(), 1, attrs)
			if panicked != nil {
				panic(panicked) // re-raised unchanged, for the server or the middleware above
			}
		}(time.Now())
		c.Status(http.StatusNoContent)
	}
}

func RegisterPayments(r *gin.Engine, p *Payments) {
	r.GET("/payments", ListPayments(p))
	r.GET("/ping", Ping())
}
