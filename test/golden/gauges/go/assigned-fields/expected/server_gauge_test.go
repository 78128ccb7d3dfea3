package server

// The three gauges NewServer registers, against a real SDK MeterProvider: queue depth, pending map size,
// and the *sql.DB connections in use (a minimal driver registered below hands out connections).

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"testing"

	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

type goldenDriver struct{}

func (goldenDriver) Open(string) (driver.Conn, error) { return goldenConn{}, nil }

type goldenConn struct{}

func (goldenConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("not supported") }
func (goldenConn) Close() error                        { return nil }
func (goldenConn) Begin() (driver.Tx, error)           { return nil, errors.New("not supported") }

func init() { sql.Register("golden", goldenDriver{}) }

func gauges(t *testing.T, reader *sdkmetric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			g, ok := m.Data.(metricdata.Gauge[int64])
			if !ok || len(g.DataPoints) != 1 {
				t.Fatalf("%s: %#v, want one int64 gauge point", m.Name, m.Data)
			}
			out[m.Name+" "+m.Unit] = g.DataPoints[0].Value
		}
	}
	return out
}

func TestServerGauges(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	s, err := NewServer("memory")
	if err != nil {
		t.Fatal(err)
	}
	s.Submit("a")
	s.Submit("b")
	s.Submit("a")
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{
		"shop.server.queue_depth {item}":                 3,
		"shop.server.pending {item}":                     2,
		"shop.server.db.connections_in_use {connection}": 1,
	}
	if got := gauges(t, reader); !equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	<-s.jobs
	delete(s.pending, "b")
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	want = map[string]int64{
		"shop.server.queue_depth {item}":                 2,
		"shop.server.pending {item}":                     1,
		"shop.server.db.connections_in_use {connection}": 0,
	}
	if got := gauges(t, reader); !equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func equal(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
