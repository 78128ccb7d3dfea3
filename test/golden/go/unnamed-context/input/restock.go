package inventory

import (
	"context"
	"fmt"
	"sync"
)

// Shelf is an in-memory stock level per SKU.
type Shelf struct {
	mu     sync.Mutex
	levels map[string]int
}

func NewShelf(levels map[string]int) *Shelf {
	return &Shelf{levels: levels}
}

// Restock adds delivered units. It takes a context to satisfy the Restocker interface but has no use for it.
func (s *Shelf) Restock(_ context.Context, sku string, delivered int) error {
	if delivered <= 0 {
		return fmt.Errorf("restock %s: delivered quantity must be positive", sku)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.levels[sku] += delivered
	return nil
}
