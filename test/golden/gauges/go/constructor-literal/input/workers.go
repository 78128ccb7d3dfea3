package workers

import (
	"context"
	"errors"
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
