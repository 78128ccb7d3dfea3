package shipping

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/trace"
)

// ErrNoCarrier is returned when no carrier serves the destination.
var ErrNoCarrier = errors.New("no carrier for destination")

type Parcel struct {
	OrderID string
	Country string
	Grams   int
}

// Carriers books parcels with carriers.
type Carriers interface {
	For(country string) (string, bool)
	Book(ctx context.Context, carrier string, p Parcel) (string, error)
}

// Dispatcher books shipments for orders.
type Dispatcher struct {
	carriers Carriers
	tracer   trace.Tracer
}

// NewDispatcher takes the tracer provider the application configured.
func NewDispatcher(carriers Carriers, tp trace.TracerProvider) *Dispatcher {
	return &Dispatcher{carriers: carriers, tracer: tp.Tracer("example.com/shop/shipping")}
}

// Ship books the parcel with the carrier serving its country and returns the tracking number.
func (d *Dispatcher) Ship(ctx context.Context, parcel Parcel) (string, error) {
	carrier, ok := d.carriers.For(parcel.Country)
	if !ok {
		return "", ErrNoCarrier
	}
	tracking, err := d.carriers.Book(ctx, carrier, parcel)
	if err != nil {
		return "", err
	}
	return tracking, nil
}
