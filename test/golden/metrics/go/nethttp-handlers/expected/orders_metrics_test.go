package orders

// Runs the generated code against a real SDK MeterProvider with a manual reader: one histogram point and
// one count per request, with the status the client received and no high-cardinality attributes.

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func collect(t *testing.T, reader *sdkmetric.ManualReader) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

func key(set attribute.Set) string {
	route, _ := set.Value("http.route")
	method, _ := set.Value("http.request.method")
	status, _ := set.Value("http.response.status_code")
	errType, hasErr := set.Value("error.type")
	k := method.AsString() + " " + route.AsString() + " " + status.Emit()
	if hasErr {
		k += " error=" + errType.AsString()
	}
	return k
}

func TestRequestMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	h := &Handler{store: map[string]Order{"42": {ID: "42", Total: 10}, "13": {ID: "13", Total: -1}}}
	server := httptest.NewUnstartedServer(Routes(h))
	server.Config.ErrorLog = log.New(io.Discard, "", 0) // the panic below is expected
	server.Start()
	defer server.Close()

	// A panicking handler still panics (net/http drops the connection) and is measured as a server error.
	if resp, err := http.Get(server.URL + "/orders/13"); err == nil {
		resp.Body.Close()
		t.Fatalf("GET /orders/13: status %d, want the connection dropped by the re-raised panic", resp.StatusCode)
	}

	requests := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/orders/42", "", http.StatusOK},
		{"GET", "/orders/7", "", http.StatusNotFound},
		{"POST", "/orders", `{"id":"1","total":5}`, http.StatusCreated},
		{"POST", "/orders", `{"id":"2","total":5000}`, http.StatusBadGateway},
	}
	for _, r := range requests {
		req, _ := http.NewRequest(r.method, server.URL+r.path, strings.NewReader(r.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != r.want {
			t.Fatalf("%s %s: status %d, want %d (behaviour changed)", r.method, r.path, resp.StatusCode, r.want)
		}
	}

	data := collect(t, reader)
	hist, ok := data["shop.orders.request.duration"].(metricdata.Histogram[float64])
	if !ok {
		t.Fatalf("no duration histogram in %v", data)
	}
	counter, ok := data["shop.orders.requests"].(metricdata.Sum[int64])
	if !ok || !counter.IsMonotonic {
		t.Fatalf("no monotonic request counter in %v", data)
	}
	want := map[string]int64{
		"GET /orders/{id} 200":           1,
		"GET /orders/{id} 404":           1,
		"POST /orders 201":               1,
		"POST /orders 502 error=502":     1,
		"GET /orders/{id} 500 error=500": 1,
	}
	histCounts := map[string]int64{}
	for _, p := range hist.DataPoints {
		histCounts[key(p.Attributes)] += int64(p.Count)
		if p.Sum <= 0 {
			t.Errorf("%s: duration sum %v, want > 0 seconds", key(p.Attributes), p.Sum)
		}
		for _, kv := range p.Attributes.ToSlice() {
			if v := kv.Value.Emit(); strings.Contains(v, "/42") || strings.Contains(v, "/7") {
				t.Errorf("high-cardinality attribute %s=%s", kv.Key, v)
			}
		}
		env, _ := p.Attributes.Value("environment")
		version, _ := p.Attributes.Value("service.version")
		if env.AsString() != "unknown" || version.AsString() != "unknown" {
			t.Errorf("environment=%q service.version=%q, want unknown when unset", env.AsString(), version.AsString())
		}
	}
	counts := map[string]int64{}
	for _, p := range counter.DataPoints {
		counts[key(p.Attributes)] += p.Value
	}
	for k, n := range want {
		if histCounts[k] != n {
			t.Errorf("histogram %q: %d points, want %d (all: %v)", k, histCounts[k], n, histCounts)
		}
		if counts[k] != n {
			t.Errorf("counter %q: %d, want %d (all: %v)", k, counts[k], n, counts)
		}
	}
	if len(histCounts) != len(want) || len(counts) != len(want) {
		t.Errorf("unexpected series: histogram %v, counter %v", histCounts, counts)
	}
}
