package catalog

import (
	"errors"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// HTTP server metrics, created once from the global MeterProvider.
var (
	requestDuration = mustInstrument(otel.Meter("example.com/shop/catalog").Float64Histogram(
		"shop.catalog.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of the HTTP requests this package handles."),
	))
	requestCount = mustInstrument(otel.Meter("example.com/shop/catalog").Int64Counter(
		"shop.catalog.requests",
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

// echoResponseStatus is the status the client receives for a request the handler answered with err: once
// the response is committed, the status written; else the one echo's default HTTPErrorHandler writes for
// the error (an *echo.HTTPError's code, 500 for any other error); for a nil error, what the handler set.
func echoResponseStatus(c echo.Context, err error) int {
	res := c.Response()
	if err == nil || res.Committed {
		return res.Status
	}
	he, ok := err.(*echo.HTTPError) // the default handler asserts, it does not unwrap
	if !ok {
		return http.StatusInternalServerError
	}
	if inner, ok := he.Internal.(*echo.HTTPError); ok {
		return inner.Code
	}
	return he.Code
}

// echoMatchedRoute is the route template echo matched for the request, group prefixes included
// (c.Path()), or fallback when the context carries none (a handler called outside echo's router).
func echoMatchedRoute(c echo.Context, fallback string) string {
	if route := c.Path(); route != "" {
		return route
	}
	return fallback
}

type Item struct {
	ID    string `json:"id"`
	Stock int    `json:"stock"`
}

var items = map[string]Item{"i1": {ID: "i1", Stock: 3}, "i0": {ID: "i0"}}

var errLedger = errors.New("ledger unavailable")

func GetItem(c echo.Context) (err error) {
	defer func(start time.Time) {
		status := echoResponseStatus(c, err)
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "/items/:id"), status)
		requestDuration.Record(c.Request().Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request().Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	item, ok := items[c.Param("id")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "item not found")
	}
	return c.JSON(http.StatusOK, item)
}

type Handler struct {
	reserve func(id string) error
}

// Reserve uses err itself: the named result must take another name.
func (h *Handler) Reserve(c echo.Context) (retErr error) {
	defer func(start time.Time) {
		status := echoResponseStatus(c, retErr)
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "/api/items/:id/reserve"), status)
		requestDuration.Record(c.Request().Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request().Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if c.QueryParam("ledger") == "down" {
		return errLedger
	}
	if err := h.reserve(c.Param("id")); err != nil {
		return echo.NewHTTPError(http.StatusConflict, err.Error()).SetInternal(err)
	}
	return c.NoContent(http.StatusAccepted)
}

// Export commits the response before it fails: the client keeps the status already sent.
func Export(c echo.Context) (retErr error) {
	defer func(start time.Time) {
		status := echoResponseStatus(c, retErr)
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "/api/export"), status)
		requestDuration.Record(c.Request().Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request().Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if err := c.String(http.StatusOK, "id,stock\n"); err != nil {
		return err
	}
	if c.QueryParam("fail") != "" {
		return errors.New("export interrupted")
	}
	return nil
}

// Ping is registered elsewhere: the route comes from echo's matched template.
func Ping(c echo.Context) (err error) {
	defer func(start time.Time) {
		status := echoResponseStatus(c, err)
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request().Method, echoMatchedRoute(c, "Ping"), status)
		requestDuration.Record(c.Request().Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request().Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if c.QueryParam("panic") != "" {
		panic("ping exploded")
	}
	return c.String(http.StatusOK, "pong")
}

func Register(e *echo.Echo, h *Handler) {
	e.GET("/items/:id", GetItem)
	api := e.Group("/api")
	api.POST("/items/:id/reserve", h.Reserve)
	api.GET("/export", Export)
}
