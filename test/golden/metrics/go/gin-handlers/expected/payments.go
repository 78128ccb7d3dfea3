package payments

import (
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
	requestDuration = mustInstrument(otel.Meter("example.com/shop/payments").Float64Histogram(
		"shop.payments.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of the HTTP requests this package handles."),
	))
	requestCount = mustInstrument(otel.Meter("example.com/shop/payments").Int64Counter(
		"shop.payments.requests",
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

// ginMatchedRoute is the route template gin matched for the request, group prefixes included
// (c.FullPath()), or fallback when no route matched.
func ginMatchedRoute(c *gin.Context, fallback string) string {
	if route := c.FullPath(); route != "" {
		return route
	}
	return fallback
}

var refundReason = attribute.Key("payments.refund_reason")

type Payment struct {
	ID     string `json:"id"`
	Amount int    `json:"amount"`
}

func Charge(c *gin.Context) {
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
	var p Payment
	if err := c.ShouldBindJSON(&p); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid payment"})
		return
	}
	if p.Amount > 1000 {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func Refund(c *gin.Context) {
	defer func(start time.Time) {
		status := c.Writer.Status()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "Refund"), status)
		requestDuration.Record(c.Request.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	_ = refundReason
	if c.Query("ledger") == "down" {
		panic("refund ledger unavailable")
	}
	c.Status(http.StatusAccepted)
}

func Register(r *gin.Engine) {
	r.POST("/payments", Charge)
}
