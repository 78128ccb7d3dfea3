package workers

// Runs the generated gauge against a real SDK MeterProvider with a manual reader: the gauge reports the
// queue's depth at each collection, under the configured name and unit.

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func gauge(t *testing.T, reader *sdkmetric.ManualReader, name string) (int64, string) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			g, ok := m.Data.(metricdata.Gauge[int64])
			if !ok || len(g.DataPoints) != 1 {
				t.Fatalf("%s: %#v, want one int64 gauge point", name, m.Data)
			}
			return g.DataPoints[0].Value, m.Unit
		}
	}
	t.Fatalf("no metric named %s", name)
	return 0, ""
}

func TestQueueDepthGauge(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	w := NewWorker(10)
	for i := 0; i < 3; i++ {
		if err := w.Enqueue(Job{ID: "j"}); err != nil {
			t.Fatal(err)
		}
	}
	if depth, unit := gauge(t, reader, "shop.workers.queue_depth"); depth != 3 || unit != "{item}" {
		t.Fatalf("after 3 enqueued: depth %d unit %q, want 3 {item}", depth, unit)
	}
	if _, err := w.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	if depth, _ := gauge(t, reader, "shop.workers.queue_depth"); depth != 2 {
		t.Fatalf("after one dequeued: depth %d, want 2", depth)
	}
}
