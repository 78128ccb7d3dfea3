package dispatch

import "container/list"

type Dispatcher struct {
	jobs    chan string
	backlog *list.List
	pending []string
	retries []string
}

// NewDispatcher returns the literal directly: there is no variable to observe.
func NewDispatcher() *Dispatcher {
	return &Dispatcher{jobs: make(chan string, 8)}
}

// Setup makes a backlog whose depth otelwright cannot read.
func (s *Dispatcher) Setup() {
	s.backlog = list.New()
}

// Reset runs on every flush: not a place to register a gauge.
func (s *Dispatcher) Reset() {
	s.pending = make([]string, 0, 8)
}

// Retry only uses the retries slice; it never creates it.
func (s *Dispatcher) Retry(id string) {
	s.retries = append(s.retries, id)
}
