package freefunctions_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/free-functions/expected"
	input "example.com/golden/free-functions/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errStore = errors.New("stock service unavailable")

type store struct {
	available    int
	availableErr error
	reserveErr   error
}

func (s store) Available(ctx context.Context, sku string) (int, error) {
	spantest.Dependency(ctx, "store.Available")
	return s.available, s.availableErr
}

func (s store) Reserve(ctx context.Context, sku string, qty int) error {
	spantest.Dependency(ctx, "store.Reserve")
	return s.reserveErr
}

func reserve(t *testing.T, s store, qty int) error {
	t.Helper()
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return input.ReserveStock(ctx, s, "sku-1", qty) }),
		spantest.NoResult(func(ctx context.Context) error { return expected.ReserveStock(ctx, s, "sku-1", qty) }))
	span := rec.Find(t, "inventory.ReserveStock")
	spantest.ChildOf(t, span, caller)
	spantest.Attributes(t, span, map[string]string{"service.operation": "reserve_stock", "business.entity_id": "sku-1"})
	return err
}

func TestReserveStock(t *testing.T) {
	if err := reserve(t, store{available: 5}, 2); err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "inventory.ReserveStock")
	spantest.ChildOf(t, rec.Find(t, "store.Reserve"), span)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"business.outcome": "success"})
}

func TestReserveStockInvalidQuantity(t *testing.T) {
	err := reserve(t, store{available: 5}, 0)
	spantest.Failed(t, rec.Find(t, "inventory.ReserveStock"), "quantity must be positive", err)
}

func TestReserveStockStoreFailure(t *testing.T) {
	if err := reserve(t, store{availableErr: errStore}, 1); err != errStore {
		t.Fatalf("want the store's error itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.ReserveStock"), "store.Available failed", errStore)
}

func TestReserveStockOutOfStock(t *testing.T) {
	if err := reserve(t, store{available: 1}, 2); err != expected.ErrOutOfStock {
		t.Fatalf("want ErrOutOfStock itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.ReserveStock"), "out of stock", expected.ErrOutOfStock)
}

func TestReserveStockReserveFailure(t *testing.T) {
	if err := reserve(t, store{available: 5, reserveErr: errStore}, 1); !errors.Is(err, errStore) {
		t.Fatalf("want the store's error wrapped as before, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.ReserveStock"), "store.Reserve failed", errStore)
}
