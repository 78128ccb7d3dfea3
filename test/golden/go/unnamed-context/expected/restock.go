package inventory

import (
	"context"
	"fmt"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// Shelf is an in-memory stock level per SKU.
type Shelf struct {
	mu     sync.Mutex
	levels map[string]int
}

func NewShelf(levels map[string]int) *Shelf {
	return &Shelf{levels: levels}
}

// Restock adds delivered units. It takes a context to satisfy the Restocker interface but has no use for it.
func (s *Shelf) Restock(ctx context.Context, sku string, delivered int) error {
	_, span := tracer.Start(ctx, "inventory.Restock", trace.WithAttributes(
		attribute.String("service.operation", "restock"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	if delivered <= 0 {
		err := fmt.Errorf("restock %s: delivered quantity must be positive", sku)
		span.RecordError(err)
		span.SetStatus(codes.Error, "delivered quantity must be positive")
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.levels[sku] += delivered
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return nil
}
