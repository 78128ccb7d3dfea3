package unnamedresults_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/unnamed-results/expected"
	input "example.com/golden/unnamed-results/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errDeclined = errors.New("card declined")

type carts[C any] struct{ cart *C }

func (c carts[C]) Get(ctx context.Context, id string) (*C, error) {
	spantest.Dependency(ctx, "carts.Get")
	return c.cart, nil
}

type payments[C, R any] struct {
	receipt *R
	err     error
}

func (p payments[C, R]) Charge(ctx context.Context, cart *C) (*R, error) {
	spantest.Dependency(ctx, "payments.Charge")
	return p.receipt, p.err
}

func pay(t *testing.T, items int, chargeErr error) (*expected.Receipt, error) {
	t.Helper()
	a := input.NewCheckout(
		carts[input.Cart]{cart: &input.Cart{ID: "c-1", Items: make([]input.Item, items)}},
		payments[input.Cart, input.Receipt]{receipt: &input.Receipt{CartID: "c-1", Total: 990}, err: chargeErr})
	b := expected.NewCheckout(
		carts[expected.Cart]{cart: &expected.Cart{ID: "c-1", Items: make([]expected.Item, items)}},
		payments[expected.Cart, expected.Receipt]{receipt: &expected.Receipt{CartID: "c-1", Total: 990}, err: chargeErr})
	receipt, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Receipt, error) { return a.Pay(ctx, "c-1") },
		func(ctx context.Context) (*expected.Receipt, error) { return b.Pay(ctx, "c-1") })
	spantest.ChildOf(t, rec.Find(t, "checkout.Pay"), caller)
	return receipt, err
}

func TestPay(t *testing.T) {
	if _, err := pay(t, 2, nil); err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "checkout.Pay")
	spantest.ChildOf(t, rec.Find(t, "payments.Charge"), span)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"service.operation": "pay", "business.entity_id": "c-1"})
}

// The receipt built next to the error is still returned, and built once.
func TestPayEmptyCart(t *testing.T) {
	receipt, err := pay(t, 0, nil)
	if receipt == nil || receipt.CartID != "c-1" {
		t.Fatalf("want the empty receipt, got %v", receipt)
	}
	spantest.Failed(t, rec.Find(t, "checkout.Pay"), "Pay failed", err)
}

func TestPayDeclined(t *testing.T) {
	if _, err := pay(t, 2, errDeclined); err != errDeclined {
		t.Fatalf("want the charge's error itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "checkout.Pay"), "Pay failed", errDeclined)
}
