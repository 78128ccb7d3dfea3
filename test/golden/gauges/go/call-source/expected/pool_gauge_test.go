package pool

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func acquired(t *testing.T, reader *sdkmetric.ManualReader) int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if g, ok := m.Data.(metricdata.Gauge[int64]); ok && m.Name == "shop.pool.pool.acquired" && len(g.DataPoints) == 1 {
				return g.DataPoints[0].Value
			}
		}
	}
	t.Fatal("no shop.pool.pool.acquired gauge point")
	return 0
}

func TestAcquiredGaugeReadsTheSourceCall(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	s := NewStore()
	s.pool.Acquire()
	s.pool.Acquire()
	if n := acquired(t, reader); n != 2 {
		t.Fatalf("after 2 acquired: %d, want 2", n)
	}
	s.pool.Release()
	if n := acquired(t, reader); n != 1 {
		t.Fatalf("after 1 released: %d, want 1", n)
	}
}
