// Package queue holds the process-wide job queue.
package queue

import "fmt"

var jobs = make(chan string, 100)

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
