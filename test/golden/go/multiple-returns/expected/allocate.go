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

// ErrNoCapacity is returned when the bin holding a SKU has nothing left to allocate.
var ErrNoCapacity = errors.New("no free units in bin")

type Bin struct {
	ID   string
	Free int
}

// Bins locates and takes stock from warehouse bins.
type Bins interface {
	Locate(ctx context.Context, sku string) (*Bin, error)
	Take(ctx context.Context, binID, sku string, qty int) error
}

// Warehouse allocates stock to orders.
type Warehouse struct {
	bins Bins
}

func NewWarehouse(bins Bins) *Warehouse {
	return &Warehouse{bins: bins}
}

// Allocate takes up to qty units of sku from its bin and says which bin and how many.
func (w *Warehouse) Allocate(ctx context.Context, sku string, qty int) (string, int, error) {
	ctx, span := tracer.Start(ctx, "inventory.Allocate", trace.WithAttributes(
		attribute.String("service.operation", "allocate"),
		attribute.String("business.entity_id", sku),
	))
	defer span.End()

	bin, err := w.bins.Locate(ctx, sku)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "bins.Locate failed")
		return "", 0, err
	}
	if bin.Free == 0 {
		span.RecordError(ErrNoCapacity)
		span.SetStatus(codes.Error, "no free units in bin")
		return bin.ID, 0, ErrNoCapacity
	}
	n := min(qty, bin.Free)
	if err := w.bins.Take(ctx, bin.ID, sku, n); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "bins.Take failed")
		return "", 0, fmt.Errorf("take %d of %s from bin %s: %w", n, sku, bin.ID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return bin.ID, n, nil
}
