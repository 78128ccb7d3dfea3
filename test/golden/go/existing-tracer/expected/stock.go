package inventory

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// Repository reads and writes stock levels.
type Repository interface {
	Level(ctx context.Context, sku string) (int, error)
	SetLevel(ctx context.Context, sku string, level int) error
}

// Restock adds delivered units to the stock of sku.
func Restock(ctx context.Context, repo Repository, sku string, delivered int) error {
	ctx, span := tracer.Start(ctx, "inventory.Restock", trace.WithAttributes(
		attribute.String("service.operation", "restock"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	level, err := repo.Level(ctx, sku)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.Level failed")
		return fmt.Errorf("read level of %s: %w", sku, err)
	}
	if err := repo.SetLevel(ctx, sku, level+delivered); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.SetLevel failed")
		return fmt.Errorf("write level of %s: %w", sku, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return nil
}
