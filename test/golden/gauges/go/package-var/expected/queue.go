// Package queue holds the process-wide job queue.
package queue

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

var jobs = make(chan string, 100)

func init() {
	// queue_depth: observe len(jobs) at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/package-var").Int64ObservableGauge(
		"shop.queue.queue_depth",
		metric.WithUnit("{item}"),
		metric.WithDescription("Items in jobs, observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(len(jobs)))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
}

// Push queues a job, failing when the queue is full.
func Push(id string) error {
	select {
	case jobs <- id:
		return nil
	default:
		return fmt.Errorf("queue full, dropping %s", id)
	}
}

// Pop takes a job, if any.
func Pop() (string, bool) {
	select {
	case id := <-jobs:
		return id, true
	default:
		return "", false
	}
}
