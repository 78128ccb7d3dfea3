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

// Counter records physical stock counts.
type Counter interface {
	Record(ctx context.Context, sku string, counted int) error
}

// RecordCount stores the result of a stock count.
func RecordCount(ctx context.Context, counter Counter, sku string, counted int) error {
	ctx, span := tracer.Start(ctx, "inventory.RecordCount", trace.WithAttributes(
		attribute.String("service.operation", "record_count"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	if err := counter.Record(ctx, sku, counted); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "record count failed")
		return fmt.Errorf("record count of %s: %w", sku, err)
	}
	return nil
}
