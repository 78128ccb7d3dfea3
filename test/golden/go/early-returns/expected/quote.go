package pricing

import (
	"context"
	"fmt"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/pricing")

// Catalog knows the unit price of every SKU.
type Catalog interface {
	Price(ctx context.Context, sku string) (int64, error)
}

// Pricer quotes prices, caching catalog lookups.
type Pricer struct {
	catalog Catalog
	mu      sync.Mutex
	cache   map[string]int64
}

func NewPricer(catalog Catalog) *Pricer {
	return &Pricer{catalog: catalog, cache: map[string]int64{}}
}

// Quote prices qty units of sku.
func (p *Pricer) Quote(ctx context.Context, sku string, qty int) (int64, error) {
	ctx, span := tracer.Start(ctx, "pricing.Quote", trace.WithAttributes(
		attribute.String("service.operation", "quote"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	if qty == 0 {
		span.SetAttributes(attribute.String("business.outcome", "success"))
		return 0, nil
	}
	p.mu.Lock()
	cached, ok := p.cache[sku]
	p.mu.Unlock()
	if ok {
		span.SetAttributes(attribute.String("business.outcome", "success"))
		return cached * int64(qty), nil
	}
	price, err := p.catalog.Price(ctx, sku)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "catalog.Price failed")
		return 0, err
	}
	if price < 0 {
		retErr := fmt.Errorf("catalog price for %s is negative", sku)
		span.RecordError(retErr)
		span.SetStatus(codes.Error, "catalog price for %s is negative")
		return 0, retErr
	}
	p.mu.Lock()
	p.cache[sku] = price
	p.mu.Unlock()
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return price * int64(qty), nil
}
