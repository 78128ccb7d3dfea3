package inventory

import (
	"context"
	"errors"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// ErrOutOfStock is returned when fewer units are available than requested.
var ErrOutOfStock = errors.New("out of stock")

// Store keeps stock levels per SKU.
type Store interface {
	Available(ctx context.Context, sku string) (int, error)
	Reserve(ctx context.Context, sku string, qty int) error
}

// ReserveStock reserves qty units of sku when enough are available.
func ReserveStock(ctx context.Context, store Store, sku string, qty int) error {
	ctx, span := tracer.Start(ctx, "inventory.ReserveStock", trace.WithAttributes(
		attribute.String("service.operation", "reserve_stock"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	if qty <= 0 {
		err := fmt.Errorf("reserve %d units of %s: quantity must be positive", qty, sku)
		span.RecordError(err)
		span.SetStatus(codes.Error, "quantity must be positive")
		return err
	}
	available, err := store.Available(ctx, sku)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "store.Available failed")
		return err
	}
	if available < qty {
		span.RecordError(ErrOutOfStock)
		span.SetStatus(codes.Error, "out of stock")
		return ErrOutOfStock
	}
	if err := store.Reserve(ctx, sku, qty); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "store.Reserve failed")
		return fmt.Errorf("reserve %s: %w", sku, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return nil
}
