package inventory

import (
	"context"
	"errors"
	"fmt"
)

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
	bin, err := w.bins.Locate(ctx, sku)
	if err != nil {
		return "", 0, err
	}
	if bin.Free == 0 {
		return bin.ID, 0, ErrNoCapacity
	}
	n := min(qty, bin.Free)
	if err := w.bins.Take(ctx, bin.ID, sku, n); err != nil {
		return "", 0, fmt.Errorf("take %d of %s from bin %s: %w", n, sku, bin.ID, err)
	}
	return bin.ID, n, nil
}
