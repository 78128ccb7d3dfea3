package inventory

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// Repository reads and writes stock levels.
type Repository interface {
	Level(ctx context.Context, sku string) (int, error)
	SetLevel(ctx context.Context, sku string, level int) error
}

// Restock adds delivered units to the stock of sku.
func Restock(ctx context.Context, repo Repository, sku string, delivered int) error {
	level, err := repo.Level(ctx, sku)
	if err != nil {
		return fmt.Errorf("read level of %s: %w", sku, err)
	}
	if err := repo.SetLevel(ctx, sku, level+delivered); err != nil {
		return fmt.Errorf("write level of %s: %w", sku, err)
	}
	return nil
}
