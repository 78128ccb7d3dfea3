package workers

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

// Job is one unit of work.
type Job struct {
	ID string
}

// Worker processes jobs from a buffered queue.
type Worker struct {
	jobs chan Job
	done chan struct{}
}

// NewWorker creates a worker whose queue holds up to size jobs.
func NewWorker(size int) *Worker {
	w := &Worker{
		jobs: make(chan Job, size),
		done: make(chan struct{}),
	}
	// queue_depth: observe len(w.jobs) at each metrics collection (registered once, where it is created).
	if _, err := otel.Meter("example.com/goldengauges/constructor-literal").Int64ObservableGauge(
		"shop.workers.queue_depth",
		metric.WithUnit("{item}"),
		metric.WithDescription("Items in s.jobs, observed at each collection."),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(int64(len(w.jobs)))
			return nil
		}),
	); err != nil {
		otel.Handle(err)
	}
	return w
}

// ErrFull is returned when the queue cannot take another job.
var ErrFull = errors.New("queue full")

// Enqueue adds a job without blocking.
func (s *Worker) Enqueue(job Job) error {
	select {
	case s.jobs <- job:
		return nil
	default:
		return ErrFull
	}
}

// Next takes the oldest job.
func (s *Worker) Next(ctx context.Context) (Job, error) {
	select {
	case job := <-s.jobs:
		return job, nil
	case <-ctx.Done():
		return Job{}, ctx.Err()
	}
}
