package orders

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Repository persists orders. The production implementation is Postgres-backed; MemoryRepository is
// used in tests and local development.
type Repository interface {
	Create(ctx context.Context, order *Order) error
	Get(ctx context.Context, id string) (*Order, error)
	Update(ctx context.Context, order *Order) error
	ListByCustomer(ctx context.Context, customerID string) ([]*Order, error)
}

// MemoryRepository is a goroutine-safe in-memory Repository. It stores copies so callers cannot
// mutate stored orders behind its back.
type MemoryRepository struct {
	mu     sync.RWMutex
	orders map[string]Order
}

// NewMemoryRepository returns an empty repository.
func NewMemoryRepository() *MemoryRepository {
	return &MemoryRepository{orders: make(map[string]Order)}
}

// Create stores a new order; it fails if the id is already taken.
func (r *MemoryRepository) Create(ctx context.Context, order *Order) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, exists := r.orders[order.ID]; exists {
		return fmt.Errorf("create order %s: duplicate id", order.ID)
	}
	r.orders[order.ID] = cloneOrder(order)
	return nil
}

// Get returns a copy of the order, or ErrNotFound.
func (r *MemoryRepository) Get(ctx context.Context, id string) (*Order, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	order, ok := r.orders[id]
	if !ok {
		return nil, fmt.Errorf("get order %s: %w", id, ErrNotFound)
	}
	copied := cloneOrder(&order)
	return &copied, nil
}

// Update replaces a stored order; it fails with ErrNotFound if the order was never created.
func (r *MemoryRepository) Update(ctx context.Context, order *Order) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.orders[order.ID]; !ok {
		return fmt.Errorf("update order %s: %w", order.ID, ErrNotFound)
	}
	r.orders[order.ID] = cloneOrder(order)
	return nil
}

// ListByCustomer returns the customer's orders, oldest first.
func (r *MemoryRepository) ListByCustomer(ctx context.Context, customerID string) ([]*Order, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var result []*Order
	for _, order := range r.orders {
		if order.CustomerID == customerID {
			copied := cloneOrder(&order)
			result = append(result, &copied)
		}
	}
	sort.Slice(result, func(i, j int) bool { return result[i].CreatedAt.Before(result[j].CreatedAt) })
	return result, nil
}

func cloneOrder(order *Order) Order {
	copied := *order
	copied.Items = append([]LineItem(nil), order.Items...)
	return copied
}
