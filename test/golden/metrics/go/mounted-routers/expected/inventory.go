package shop

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/gorilla/mux"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// HTTP server metrics, created once from the global MeterProvider.
var (
	requestDuration = mustInstrument(otel.Meter("example.com/shop/shop").Float64Histogram(
		"shop.shop.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of the HTTP requests this package handles."),
	))
	requestCount = mustInstrument(otel.Meter("example.com/shop/shop").Int64Counter(
		"shop.shop.requests",
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

// gorillaMatchedRoute is the path template of the gorilla/mux route that matched the request, subrouter
// prefixes included, or fallback when the request did not come through a mux.Router.
func gorillaMatchedRoute(r *http.Request, fallback string) string {
	if route := mux.CurrentRoute(r); route != nil {
		if template, err := route.GetPathTemplate(); err == nil && template != "" {
			return template
		}
	}
	return fallback
}

func Stock(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, gorillaMatchedRoute(r, "/inventory/v1/stock/{sku}"), status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if mux.Vars(r)["sku"] == "discontinued" {
		w.WriteHeader(http.StatusGone)
		return
	}
	fmt.Fprint(w, "3")
}

func InventoryRoutes() *mux.Router {
	r := mux.NewRouter()
	inventory := r.PathPrefix("/inventory").Subrouter()
	v1 := inventory.PathPrefix("/v1").Subrouter()
	v1.HandleFunc("/stock/{sku}", Stock).Methods(http.MethodGet)
	return r
}
