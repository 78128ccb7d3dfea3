package inventory

import (
	"context"
	"errors"
	"fmt"
)

// ErrOutOfStock is returned when fewer units are available than requested.
var ErrOutOfStock = errors.New("out of stock")

// Store keeps stock levels per SKU.
type Store interface {
	Available(ctx context.Context, sku string) (int, error)
	Reserve(ctx context.Context, sku string, qty int) error
}

// ReserveStock reserves qty units of sku when enough are available.
func ReserveStock(ctx context.Context, store Store, sku string, qty int) error {
	if qty <= 0 {
		return fmt.Errorf("reserve %d units of %s: quantity must be positive", qty, sku)
	}
	available, err := store.Available(ctx, sku)
	if err != nil {
		return err
	}
	if available < qty {
		return ErrOutOfStock
	}
	if err := store.Reserve(ctx, sku, qty); err != nil {
		return fmt.Errorf("reserve %s: %w", sku, err)
	}
	return nil
}
