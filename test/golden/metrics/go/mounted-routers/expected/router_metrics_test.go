package shop

// Drives the generated handlers through the real routers (chi with Route, Mount and one router mounted
// twice, gorilla/mux with nested subrouters, gin with nested groups) against a real SDK MeterProvider:
// http.route must be the full template the router matched, never the inner part nor the raw path.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// recoverer answers 500 to the panic the recording re-raises, as a recovering middleware would.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if recover() != nil {
				w.WriteHeader(http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func TestMountedRouterMetrics(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	h := &Handler{orders: map[string]Order{"o1": {ID: "o1", Items: 2}}}
	chiServer := recoverer(h.Routes())
	gorillaServer := InventoryRoutes()
	gin.SetMode(gin.TestMode)
	ginServer := gin.New()
	ginServer.Use(gin.RecoveryWithWriter(io.Discard))
	RegisterPayments(ginServer)

	requests := []struct {
		server             http.Handler
		method, path, body string
		want               int
		recorded           bool
	}{
		{chiServer, "GET", "/api/orders/o1", "", http.StatusOK, true},
		{chiServer, "GET", "/api/orders/o2", "", http.StatusNotFound, true},
		{chiServer, "POST", "/api/orders", `{"id":"o3"}`, http.StatusCreated, true},
		{chiServer, "POST", "/api/orders/", `not json`, http.StatusBadRequest, true},
		{chiServer, "GET", "/api/orders/o1/items", "", http.StatusOK, true},
		{chiServer, "GET", "/api/orders/broken/items", "", http.StatusInternalServerError, true},
		{chiServer, "GET", "/legacy/orders/o1", "", http.StatusOK, true},
		{chiServer, "GET", "/api/health", "", http.StatusNoContent, true},
		{chiServer, "GET", "/api/nowhere/o1", "", http.StatusNotFound, false}, // no route: no handler ran
		{gorillaServer, "GET", "/inventory/v1/stock/sku-1", "", http.StatusOK, true},
		{gorillaServer, "GET", "/inventory/v1/stock/discontinued", "", http.StatusGone, true},
		{ginServer, "POST", "/api/v1/payments/p1/capture", "", http.StatusAccepted, true},
		{ginServer, "POST", "/api/v1/payments/declined/capture", "", http.StatusPaymentRequired, true},
	}
	recorded := 0
	for _, q := range requests {
		w := httptest.NewRecorder()
		q.server.ServeHTTP(w, httptest.NewRequest(q.method, q.path, strings.NewReader(q.body)))
		if w.Code != q.want {
			t.Fatalf("%s %s: status %d, want %d (behaviour changed)", q.method, q.path, w.Code, q.want)
		}
		if q.recorded {
			recorded++
		}
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	counted := map[string]int64{}
	histogram := map[string]uint64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch data := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range data.DataPoints {
					histogram[key(p.Attributes)] += p.Count
				}
			case metricdata.Sum[int64]:
				for _, p := range data.DataPoints {
					counted[key(p.Attributes)] += p.Value
				}
			}
		}
	}
	want := map[string]int64{
		"GET /api/orders/{id} 200":              1,
		"GET /api/orders/{id} 404":              1,
		"POST /api/orders 201":                  1,
		"POST /api/orders 400":                  1,
		"GET /api/orders/{id}/items 200":        1,
		"GET /api/orders/{id}/items 500 error":  1,
		"GET /legacy/orders/{id} 200":           1,
		"GET /api/health 204":                   1,
		"GET /inventory/v1/stock/{sku} 200":     1,
		"GET /inventory/v1/stock/{sku} 410":     1,
		"POST /api/v1/payments/:id/capture 202": 1,
		"POST /api/v1/payments/:id/capture 402": 1,
	}
	var points int64
	for k, n := range counted {
		points += n
		if want[k] != n {
			t.Errorf("counter %q = %d, want %d (all: %v)", k, n, want[k], counted)
		}
		if uint64(n) != histogram[k] {
			t.Errorf("histogram %q has %d points, counter %d", k, histogram[k], n)
		}
	}
	if len(counted) != len(want) || len(histogram) != len(want) {
		t.Errorf("series: counter %v, histogram %v, want %v", counted, histogram, want)
	}
	if points != int64(recorded) {
		t.Errorf("%d requests counted, want one per handled request (%d)", points, recorded)
	}
}

// key is "METHOD ROUTE STATUS [error]"; a raw path (an id, a sku) in the route fails the comparison.
func key(attrs attribute.Set) string {
	method, _ := attrs.Value("http.request.method")
	route, _ := attrs.Value("http.route")
	status, _ := attrs.Value("http.response.status_code")
	k := method.AsString() + " " + route.AsString() + " " + status.Emit()
	if _, failed := attrs.Value("error.type"); failed {
		k += " error"
	}
	return k
}
