package methods_test

import (
	"context"
	"errors"
	"testing"
	"time"

	expected "example.com/golden/methods/expected"
	input "example.com/golden/methods/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errStore = errors.New("store unavailable")

type repo[O any] struct {
	order   *O
	getErr  error
	saveErr error
}

func (r *repo[O]) Get(ctx context.Context, id string) (*O, error) {
	spantest.Dependency(ctx, "repo.Get")
	return r.order, r.getErr
}

func (r *repo[O]) Save(ctx context.Context, o *O) error {
	spantest.Dependency(ctx, "repo.Save")
	return r.saveErr
}

var now = func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }

func services(status string, getErr, saveErr error) (*input.OrderService, *expected.OrderService) {
	before := &repo[input.Order]{order: &input.Order{ID: "o-1", Status: status}, getErr: getErr, saveErr: saveErr}
	after := &repo[expected.Order]{order: &expected.Order{ID: "o-1", Status: status}, getErr: getErr, saveErr: saveErr}
	if status == "" {
		before.order, after.order = nil, nil
	}
	return input.NewOrderService(before, now), expected.NewOrderService(after, now)
}

func TestGetOrderSuccess(t *testing.T) {
	a, b := services("pending", nil, nil)
	_, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.GetOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.GetOrder(ctx, "o-1") })
	if err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "orders.GetOrder")
	spantest.ChildOf(t, span, caller)
	spantest.ChildOf(t, rec.Find(t, "repo.Get"), span)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{
		"service.operation":  "get_order",
		"business.entity_id": "o-1",
		"business.outcome":   "success",
	})
}

func TestGetOrderStoreFailure(t *testing.T) {
	a, b := services("pending", errStore, nil)
	_, _, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.GetOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.GetOrder(ctx, "o-1") })
	if err != errStore {
		t.Fatalf("want the store's error itself, got %v", err)
	}
	span := rec.Find(t, "orders.GetOrder")
	spantest.Failed(t, span, "repo.Get failed", errStore)
	spantest.Absent(t, span, []string{"business.outcome"}, nil)
}

func TestGetOrderNotFound(t *testing.T) {
	a, b := services("", nil, nil)
	_, _, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.GetOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.GetOrder(ctx, "o-1") })
	if err != expected.ErrNotFound {
		t.Fatalf("want ErrNotFound itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "orders.GetOrder"), "order not found", expected.ErrNotFound)
}

func TestCancelOrder(t *testing.T) {
	a, b := services("pending", nil, nil)
	order, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.CancelOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.CancelOrder(ctx, "o-1") })
	if err != nil || order.Status != "cancelled" {
		t.Fatalf("want a cancelled order, got %v, %v", order, err)
	}
	span := rec.Find(t, "orders.CancelOrder")
	spantest.ChildOf(t, span, caller)
	spantest.ChildOf(t, rec.Find(t, "repo.Save"), span)
	spantest.Unset(t, span)
}

func TestCancelOrderNotPending(t *testing.T) {
	a, b := services("paid", nil, nil)
	_, _, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.CancelOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.CancelOrder(ctx, "o-1") })
	spantest.Failed(t, rec.Find(t, "orders.CancelOrder"), "only pending orders can be cancelled", err)
}

func TestCancelOrderSaveFailure(t *testing.T) {
	a, b := services("pending", nil, errStore)
	_, _, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.CancelOrder(ctx, "o-1") },
		func(ctx context.Context) (*expected.Order, error) { return b.CancelOrder(ctx, "o-1") })
	if !errors.Is(err, errStore) {
		t.Fatalf("want the store's error wrapped as before, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "orders.CancelOrder"), "repo.Save failed", errStore)
}
