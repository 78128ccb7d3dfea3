package inventory

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// Counter records physical stock counts.
type Counter interface {
	Record(ctx context.Context, sku string, counted int) error
}

// RecordCount stores the result of a stock count.
func RecordCount(ctx context.Context, counter Counter, sku string, counted int) error {
	ctx, span := tracer.Start(ctx, "inventory.RecordCount")
	defer span.End()

	if err := counter.Record(ctx, sku, counted); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "record count failed")
		return fmt.Errorf("record count of %s: %w", sku, err)
	}
	return nil
}
