package namedresults_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/named-results/expected"
	input "example.com/golden/named-results/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errProvider = errors.New("provider timeout")

type client[P any] struct {
	payment   *P
	lookupErr error
	refundErr error
}

func (c client[P]) Lookup(ctx context.Context, id string) (*P, error) {
	spantest.Dependency(ctx, "client.Lookup")
	return c.payment, c.lookupErr
}

func (c client[P]) Refund(ctx context.Context, p *P, amount int64) (string, error) {
	spantest.Dependency(ctx, "client.Refund")
	if c.refundErr != nil {
		return "", c.refundErr
	}
	return "r-1", nil
}

func refund(t *testing.T, amount int64, lookupErr, refundErr error) (string, error) {
	t.Helper()
	a := input.NewGateway(client[input.Payment]{payment: &input.Payment{ID: "p-1", Captured: 500}, lookupErr: lookupErr, refundErr: refundErr})
	b := expected.NewGateway(client[expected.Payment]{payment: &expected.Payment{ID: "p-1", Captured: 500}, lookupErr: lookupErr, refundErr: refundErr})
	id, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (string, error) { return a.Refund(ctx, "p-1", amount) },
		func(ctx context.Context) (string, error) { return b.Refund(ctx, "p-1", amount) })
	span := rec.Find(t, "payments.Refund")
	spantest.ChildOf(t, span, caller)
	spantest.Attributes(t, span, map[string]string{"service.operation": "refund", "business.entity_id": "p-1"})
	return id, err
}

func TestRefund(t *testing.T) {
	id, err := refund(t, 200, nil, nil)
	if err != nil || id != "r-1" {
		t.Fatalf("want refund r-1, got %q, %v", id, err)
	}
	span := rec.Find(t, "payments.Refund")
	spantest.ChildOf(t, rec.Find(t, "client.Refund"), span)
	spantest.Unset(t, span)
}

// The function's own deferred wrapping runs before the recorder: the span records what the caller gets.
func TestRefundInvalidAmountBareReturn(t *testing.T) {
	_, err := refund(t, 0, nil, nil)
	if !errors.Is(err, expected.ErrInvalidAmount) {
		t.Fatalf("want ErrInvalidAmount wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Refund"), "Refund failed", err)
}

func TestRefundLookupFailure(t *testing.T) {
	_, err := refund(t, 200, errProvider, nil)
	spantest.Failed(t, rec.Find(t, "payments.Refund"), "Refund failed", err)
}

func TestRefundTooMuch(t *testing.T) {
	_, err := refund(t, 900, nil, nil)
	spantest.Failed(t, rec.Find(t, "payments.Refund"), "Refund failed", err)
}

func TestRefundProviderFailure(t *testing.T) {
	_, err := refund(t, 200, nil, errProvider)
	if !errors.Is(err, errProvider) {
		t.Fatalf("want the provider's error wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Refund"), "Refund failed", err)
}
