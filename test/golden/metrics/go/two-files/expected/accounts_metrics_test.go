package accounts

// Runs the handlers of both files, planned in one run, against a real SDK MeterProvider with a manual
// reader: one set of instruments and helpers for the package, one histogram point and one count per
// request, with the status the client received.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func TestPackageRequestMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	mux := http.NewServeMux()
	RegisterCustomers(mux)
	RegisterOrders(mux)

	requests := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/customers/c1", "", http.StatusOK},
		{"GET", "/customers/nobody", "", http.StatusNotFound},
		{"GET", "/orders?customer=c1", "", http.StatusOK},
		{"POST", "/orders", `{"id":"o1","customer":"c1"}`, http.StatusCreated},
		{"POST", "/orders", `{"id":"o2","customer":"blocked"}`, http.StatusServiceUnavailable},
	}
	for _, q := range requests {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(q.method, q.path, strings.NewReader(q.body)))
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
	names := map[string]bool{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			names[m.Name] = true
			switch data := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range data.DataPoints {
					points += int(p.Count)
				}
			case metricdata.Sum[int64]:
				for _, p := range data.DataPoints {
					method, _ := p.Attributes.Value("http.request.method")
					route, _ := p.Attributes.Value("http.route")
					status, _ := p.Attributes.Value("http.response.status_code")
					k := method.AsString() + " " + route.AsString() + " " + status.Emit()
					if _, failed := p.Attributes.Value("error.type"); failed {
						k += " error"
					}
					got[k] += p.Value
				}
			}
		}
	}
	if len(names) != 2 || !names["shop.accounts.request.duration"] || !names["shop.accounts.requests"] {
		t.Errorf("metrics %v, want the package's one histogram and one counter", names)
	}
	want := map[string]int64{
		"GET /customers/{id} 200": 1,
		"GET /customers/{id} 404": 1,
		"GET /orders 200":         1,
		"POST /orders 201":        1,
		"POST /orders 503 error":  1,
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
