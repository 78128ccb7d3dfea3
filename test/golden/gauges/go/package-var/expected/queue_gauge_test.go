package queue

// The gauge is registered in init, before the test installs the SDK: the global MeterProvider hands the
// registration over to the SDK once it is set, as it would for a program that configures metrics in main.

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func depth(t *testing.T, reader *sdkmetric.ManualReader) (int64, string) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if g, ok := m.Data.(metricdata.Gauge[int64]); ok && m.Name == "shop.queue.queue_depth" && len(g.DataPoints) == 1 {
				return g.DataPoints[0].Value, m.Unit
			}
		}
	}
	t.Fatal("no shop.queue.queue_depth gauge point")
	return 0, ""
}

func TestQueueDepthGauge(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	for _, id := range []string{"a", "b", "c", "d"} {
		if err := Push(id); err != nil {
			t.Fatal(err)
		}
	}
	if n, unit := depth(t, reader); n != 4 || unit != "{item}" {
		t.Fatalf("after 4 pushed: depth %d unit %q, want 4 {item}", n, unit)
	}
	Pop()
	Pop()
	if n, _ := depth(t, reader); n != 2 {
		t.Fatalf("after 2 popped: depth %d, want 2", n)
	}
}
