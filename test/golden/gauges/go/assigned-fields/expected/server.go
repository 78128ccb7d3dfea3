package server

import (
	"context"
	"database/sql"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

type Server struct {
	db      *sql.DB
	jobs    chan string
	pending map[string]int
}

// NewServer opens the database and makes the queues.
func NewServer(dsn string) (*Server, error) {
	s := &Server{}
	var err error
	s.db, err = sql.Open("golden", dsn)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	// db.connections_in_use: observe s.db.Stats().InUse at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/assigned-fields").Int64ObservableGauge(
		"shop.server.db.connections_in_use",
		metric.WithUnit("{connection}"),
		metric.WithDescription("Connections of s.db in use (s.db.Stats().InUse), observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(s.db.Stats().InUse))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
	s.jobs = make(chan string, 16)
	// queue_depth: observe len(s.jobs) at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/assigned-fields").Int64ObservableGauge(
		"shop.server.queue_depth",
		metric.WithUnit("{item}"),
		metric.WithDescription("Items in s.jobs, observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(len(s.jobs)))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
	s.pending = map[string]int{}
	// pending: observe len(s.pending) at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/assigned-fields").Int64ObservableGauge(
		"shop.server.pending",
		metric.WithUnit("{item}"),
		metric.WithDescription("Items in s.pending, observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(len(s.pending)))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
	return s, nil
}

func (s *Server) Submit(id string) {
	s.pending[id]++
	s.jobs <- id
}
