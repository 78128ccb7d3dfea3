package payments

// Runs the generated gin handlers against a real SDK MeterProvider with a manual reader.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func TestGinRequestMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(gin.RecoveryWithWriter(io.Discard)) // answers 500 to the re-raised panic below
	Register(r)
	r.PUT("/payments/:id/refund", Refund)

	requests := []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/payments", `{"id":"p1","amount":10}`, http.StatusCreated},
		{"POST", "/payments", `{"id":"p2","amount":5000}`, http.StatusServiceUnavailable},
		{"POST", "/payments", `not json`, http.StatusBadRequest},
		{"PUT", "/payments/p1/refund", "", http.StatusAccepted},
		{"PUT", "/payments/p1/refund?ledger=down", "", http.StatusInternalServerError},
	}
	for _, q := range requests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(q.method, q.path, strings.NewReader(q.body)))
		if w.Code != q.want {
			t.Fatalf("%s %s: status %d, want %d (behaviour changed)", q.method, q.path, w.Code, q.want)
		}
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
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
					route, _ := p.Attributes.Value("http.route")
					status, _ := p.Attributes.Value("http.response.status_code")
					_, failed := p.Attributes.Value("error.type")
					k := route.AsString() + " " + status.Emit()
					if failed {
						k += " error"
					}
					got[k] += p.Value
				}
			}
		}
	}
	want := map[string]int64{
		"/payments 201":                  1,
		"/payments 503 error":            1,
		"/payments 400":                  1,
		"/payments/:id/refund 202":       1,
		"/payments/:id/refund 500 error": 1,
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
