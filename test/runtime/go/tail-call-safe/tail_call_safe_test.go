package tailcallsafe_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/tail-call-safe/expected"
	input "example.com/golden/tail-call-safe/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var (
	errInvalid  = errors.New("amount does not match the order")
	errDeclined = errors.New("card declined")
)

type validator[M any] struct{ err error }

func (v validator[M]) Validate(orderID string, amount M) (M, error) { return amount, v.err }

type gateway[M any] struct{ err error }

func (g gateway[M]) Charge(ctx context.Context, amount M) error {
	spantest.Dependency(ctx, "gateway.Charge")
	return g.err
}

func pay(t *testing.T, validateErr, chargeErr error) error {
	t.Helper()
	a := input.NewOrderService(validator[input.Money]{validateErr}, gateway[input.Money]{chargeErr})
	b := expected.NewOrderService(validator[expected.Money]{validateErr}, gateway[expected.Money]{chargeErr})
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error {
			return a.ProcessPayment(ctx, "o-1", input.Money{Currency: "EUR", Cents: 990})
		}),
		spantest.NoResult(func(ctx context.Context) error {
			return b.ProcessPayment(ctx, "o-1", expected.Money{Currency: "EUR", Cents: 990})
		}))
	span := rec.Find(t, "orders.ProcessPayment")
	spantest.ChildOf(t, span, caller)
	spantest.Attributes(t, span, map[string]string{"service.operation": "process_payment", "business.entity_id": "o-1"})
	return err
}

func TestProcessPayment(t *testing.T) {
	if err := pay(t, nil, nil); err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "orders.ProcessPayment")
	spantest.ChildOf(t, rec.Find(t, "gateway.Charge"), span)
	spantest.Unset(t, span)
}

func TestProcessPaymentInvalid(t *testing.T) {
	err := pay(t, errInvalid, nil)
	if !errors.Is(err, errInvalid) {
		t.Fatalf("want the validation error wrapped, got %v", err)
	}
	// A deferred recorder sees what the caller gets: the wrapped error.
	spantest.Failed(t, rec.Find(t, "orders.ProcessPayment"), "ProcessPayment failed", err)
}

// The tail call's error comes back as it was: the same value, not a copy.
func TestProcessPaymentDeclined(t *testing.T) {
	if err := pay(t, nil, errDeclined); err != errDeclined {
		t.Fatalf("want the gateway's error itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "orders.ProcessPayment"), "ProcessPayment failed", errDeclined)
}
