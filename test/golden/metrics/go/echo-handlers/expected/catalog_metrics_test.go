package catalog

// Runs the generated echo handlers behind echo's real router and error handler, against a real SDK
// MeterProvider with a manual reader: one histogram point and one count per request, with the status
// the client received (also when the handler returns an error and echo writes the response), and no
// high-cardinality attributes.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// recoverToError turns a panic into an error for echo's HTTPErrorHandler, like middleware.Recover.
func recoverToError(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("recovered: %v", r)
			}
		}()
		return next(c)
	}
}

func TestEchoRequestMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	e := echo.New()
	e.Use(recoverToError)
	Register(e, &Handler{reserve: func(id string) error {
		if items[id].Stock == 0 {
			return errors.New("out of stock")
		}
		return nil
	}})
	e.GET("/ping", Ping)

	requests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/items/i1", http.StatusOK},
		{"GET", "/items/nope", http.StatusNotFound},                                   // *echo.HTTPError
		{"POST", "/api/items/i1/reserve?ledger=down", http.StatusInternalServerError}, // a plain error
		{"POST", "/api/items/i1/reserve", http.StatusAccepted},
		{"POST", "/api/items/i0/reserve", http.StatusConflict},
		{"GET", "/api/export", http.StatusOK},
		{"GET", "/api/export?fail=1", http.StatusOK}, // committed before the error
		{"GET", "/ping", http.StatusOK},
		{"GET", "/ping?panic=1", http.StatusInternalServerError},
	}
	for _, q := range requests {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(q.method, q.path, strings.NewReader("")))
		if w.Code != q.want {
			t.Fatalf("%s %s: status %d, want %d (behaviour changed)", q.method, q.path, w.Code, q.want)
		}
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"http.request.method": true, "http.route": true, "http.response.status_code": true,
		"error.type": true, "environment": true, "service.version": true,
	}
	got := map[string]int64{}
	points := 0
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch data := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range data.DataPoints {
					points += int(p.Count)
				}
			case metricdata.Sum[int64]:
				for _, p := range data.DataPoints {
					for _, kv := range p.Attributes.ToSlice() {
						if !allowed[string(kv.Key)] {
							t.Errorf("unexpected attribute %s=%s", kv.Key, kv.Value.Emit())
						}
					}
					method, _ := p.Attributes.Value("http.request.method")
					route, _ := p.Attributes.Value("http.route")
					status, _ := p.Attributes.Value("http.response.status_code")
					k := method.AsString() + " " + route.AsString() + " " + status.Emit()
					if errType, failed := p.Attributes.Value("error.type"); failed {
						k += " error=" + errType.AsString()
					}
					got[k] += p.Value
				}
			}
		}
	}
	want := map[string]int64{
		"GET /items/:id 200":                        1,
		"GET /items/:id 404":                        1,
		"POST /api/items/:id/reserve 500 error=500": 1,
		"POST /api/items/:id/reserve 202":           1,
		"POST /api/items/:id/reserve 409":           1,
		"GET /api/export 200":                       2,
		"GET /ping 200":                             1,
		"GET /ping 500 error=500":                   1,
	}
	if points != len(requests) {
		t.Errorf("histogram points %d, want %d", points, len(requests))
	}
	if len(got) != len(want) {
		t.Errorf("counter series %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("counter %q = %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
}
