package structfieldtracer_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/struct-field-tracer/expected"
	input "example.com/golden/struct-field-tracer/input"
	"example.com/runtime/spantest"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

var rec = spantest.Install()

var errCarrier = errors.New("carrier rejected the parcel")

type carriers[P any] struct{ bookErr error }

func (c carriers[P]) For(country string) (string, bool) { return "dhl", country != "AQ" }

func (c carriers[P]) Book(ctx context.Context, carrier string, p P) (string, error) {
	spantest.Dependency(ctx, "carriers.Book")
	if c.bookErr != nil {
		return "", c.bookErr
	}
	return "TRK-1", nil
}

// The dispatcher's own tracer, from its own provider: the span must be there, not in the global one.
func ship(t *testing.T, country string, bookErr error) (string, tracetest.SpanStub, error) {
	t.Helper()
	own := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(own))
	a := input.NewDispatcher(carriers[input.Parcel]{bookErr}, tp)
	b := expected.NewDispatcher(carriers[expected.Parcel]{bookErr}, tp)
	tracking, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (string, error) {
			return a.Ship(ctx, input.Parcel{OrderID: "o-1", Country: country})
		},
		func(ctx context.Context) (string, error) {
			return b.Ship(ctx, expected.Parcel{OrderID: "o-1", Country: country})
		})
	rec.None(t, "shipping.Ship")
	spans := own.GetSpans()
	if len(spans) != 1 || spans[0].Name != "shipping.Ship" {
		t.Fatalf("want one span shipping.Ship from the dispatcher's tracer, got %v", spans)
	}
	spantest.ChildOf(t, spans[0], caller)
	spantest.Attributes(t, spans[0], map[string]string{"service.operation": "ship"})
	return tracking, spans[0], err
}

func TestShip(t *testing.T) {
	tracking, span, err := ship(t, "DE", nil)
	if err != nil || tracking != "TRK-1" {
		t.Fatalf("want TRK-1, got %q, %v", tracking, err)
	}
	spantest.ChildOf(t, rec.Find(t, "carriers.Book"), span)
	spantest.Unset(t, span)
}

func TestShipNoCarrier(t *testing.T) {
	_, span, err := ship(t, "AQ", nil)
	if err != expected.ErrNoCarrier {
		t.Fatalf("want ErrNoCarrier itself, got %v", err)
	}
	spantest.Failed(t, span, "no carrier for destination", expected.ErrNoCarrier)
}

func TestShipBookingFailure(t *testing.T) {
	_, span, err := ship(t, "DE", errCarrier)
	if err != errCarrier {
		t.Fatalf("want the carrier's error itself, got %v", err)
	}
	spantest.Failed(t, span, "carriers.Book failed", errCarrier)
}
