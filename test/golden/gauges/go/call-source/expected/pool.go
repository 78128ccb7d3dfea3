package pool

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

// Stat is a snapshot of the pool, like pgxpool.Stat.
type Stat struct{ acquired int32 }

// AcquiredConns is the number of connections handed out.
func (s *Stat) AcquiredConns() int32 { return s.acquired }

// Pool hands out connections.
type Pool struct{ acquired int32 }

func newPool() *Pool { return &Pool{} }

// Stat reads the pool's state.
func (p *Pool) Stat() *Stat { return &Stat{acquired: p.acquired} }

// Acquire takes a connection.
func (p *Pool) Acquire() { p.acquired++ }

// Release gives one back.
func (p *Pool) Release() { p.acquired-- }

// Store reads through the pool.
type Store struct{ pool *Pool }

// NewStore builds the store and its pool.
func NewStore() *Store {
	pool := newPool()
	// pool.acquired: observe pool.Stat().AcquiredConns() at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/call-source").Int64ObservableGauge(
		"shop.pool.pool.acquired",
		metric.WithUnit("{item}"),
		metric.WithDescription("pool.Stat().AcquiredConns(), observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(pool.Stat().AcquiredConns()))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
	return &Store{pool: pool}
}
