package pricing

import (
	"context"
	"fmt"
	"sync"
)

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
	if qty == 0 {
		return 0, nil
	}
	p.mu.Lock()
	cached, ok := p.cache[sku]
	p.mu.Unlock()
	if ok {
		return cached * int64(qty), nil
	}
	price, err := p.catalog.Price(ctx, sku)
	if err != nil {
		return 0, err
	}
	if price < 0 {
		return 0, fmt.Errorf("catalog price for %s is negative", sku)
	}
	p.mu.Lock()
	p.cache[sku] = price
	p.mu.Unlock()
	return price * int64(qty), nil
}
