package broker

type Broker struct {
	jobs chan string
}

// NewBroker makes the queue; metrics.go already observes it.
func NewBroker() *Broker {
	b := &Broker{}
	b.jobs = make(chan string, 4)
	return b
}
