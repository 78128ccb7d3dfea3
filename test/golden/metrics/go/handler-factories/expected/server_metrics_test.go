package factories

// Runs the handlers the factories return, as instrumented, against a real SDK MeterProvider with a
// manual reader: one histogram point and one count per request, with the status the client received,
// and only the low-cardinality attributes.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func seriesKey(set attribute.Set) string {
	method, _ := set.Value("http.request.method")
	route, _ := set.Value("http.route")
	status, _ := set.Value("http.response.status_code")
	k := method.AsString() + " " + route.AsString() + " " + status.Emit()
	if errType, ok := set.Value("error.type"); ok {
		k += " error=" + errType.AsString()
	}
	return k
}

var allowedKeys = map[attribute.Key]bool{
	"http.request.method":       true,
	"http.route":                true,
	"http.response.status_code": true,
	"error.type":                true,
	"environment":               true,
	"service.version":           true,
}

func TestHandlerFactoryMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	// The factories run here, once, at registration: their setup is not a request.
	orders := map[string]Order{"42": {ID: "42", Total: 10}, "13": {ID: "13", Total: -1}}
	up := newServer(orders, false)
	down := newServer(orders, true)
	gin.SetMode(gin.TestMode)
	engine := gin.New()
	engine.Use(gin.RecoveryWithWriter(io.Discard)) // answers 500 to the re-raised panic below
	RegisterPayments(engine, &Payments{balances: map[string]int{"a1": 5, "neg": -3}})

	requests := []struct {
		handler http.Handler
		path    string
		want    int
	}{
		{up.router, "/orders/42", http.StatusOK},
		{up.router, "/orders/7", http.StatusNotFound},
		{up.router, "/orders/13", http.StatusBadGateway},
		{up.router, "/health", http.StatusOK},
		{down.router, "/health", http.StatusServiceUnavailable},
		{up.router, "/admin", http.StatusForbidden}, // handleAdmin was skipped: not measured
		{engine, "/payments?account=a1", http.StatusOK},
		{engine, "/payments?account=zz", http.StatusNotFound},
		{engine, "/payments?account=neg", http.StatusInternalServerError},
		{engine, "/ping", http.StatusNoContent},
	}
	for _, q := range requests {
		w := httptest.NewRecorder()
		q.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, q.path, nil))
		if w.Code != q.want {
			t.Fatalf("GET %s: status %d, want %d (behaviour changed)", q.path, w.Code, q.want)
		}
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	var hist metricdata.Histogram[float64]
	var counter metricdata.Sum[int64]
	var foundHist, foundCounter bool
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch m.Name {
			case "shop.factories.request.duration":
				hist, foundHist = m.Data.(metricdata.Histogram[float64])
			case "shop.factories.requests":
				counter, foundCounter = m.Data.(metricdata.Sum[int64])
			}
		}
	}
	if !foundHist || !foundCounter || !counter.IsMonotonic {
		t.Fatalf("want a float64 duration histogram and a monotonic int64 counter, got %+v", rm.ScopeMetrics)
	}

	want := map[string]int64{
		"GET /orders/{id} 200":           1,
		"GET /orders/{id} 404":           1,
		"GET /orders/{id} 502 error=502": 1,
		"GET /health 200":                1,
		"GET /health 503 error=503":      1,
		"GET /payments 200":              1,
		"GET /payments 404":              1,
		"GET /payments 500 error=500":    1,
		"GET /ping 204":                  1,
	}
	points := map[string]int64{}
	for _, p := range hist.DataPoints {
		points[seriesKey(p.Attributes)] += int64(p.Count)
		if p.Sum <= 0 {
			t.Errorf("%s: duration sum %v, want > 0 seconds", seriesKey(p.Attributes), p.Sum)
		}
		for _, kv := range p.Attributes.ToSlice() {
			v := kv.Value.Emit()
			if !allowedKeys[kv.Key] {
				t.Errorf("unexpected attribute %s=%s", kv.Key, v)
			}
			if strings.ContainsAny(v, "?=") || strings.Contains(v, "/orders/4") || strings.Contains(v, "/orders/7") {
				t.Errorf("high-cardinality attribute %s=%s", kv.Key, v)
			}
		}
	}
	counts := map[string]int64{}
	for _, p := range counter.DataPoints {
		counts[seriesKey(p.Attributes)] += p.Value
	}
	for k, n := range want {
		if points[k] != n {
			t.Errorf("histogram %q: %d points, want %d", k, points[k], n)
		}
		if counts[k] != n {
			t.Errorf("counter %q: %d, want %d", k, counts[k], n)
		}
	}
	if len(points) != len(want) || len(counts) != len(want) {
		t.Errorf("series: histogram %v, counter %v; want exactly %v", sorted(points), sorted(counts), sorted(want))
	}
	var total int64
	for _, n := range points {
		total += n
	}
	if measured := int64(len(requests) - 1); total != measured {
		t.Errorf("histogram points %d, want one per measured request (%d)", total, measured)
	}
}

func sorted(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
