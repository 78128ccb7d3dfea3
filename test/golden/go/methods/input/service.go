package orders

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when no order has the requested id.
var ErrNotFound = errors.New("order not found")

type Order struct {
	ID         string
	CustomerID string
	Total      int64
	Status     string
	UpdatedAt  time.Time
}

// Repository stores orders.
type Repository interface {
	Get(ctx context.Context, id string) (*Order, error)
	Save(ctx context.Context, o *Order) error
}

// OrderService holds the order business rules.
type OrderService struct {
	repo Repository
	now  func() time.Time
}

func NewOrderService(repo Repository, now func() time.Time) *OrderService {
	return &OrderService{repo: repo, now: now}
}

// GetOrder returns the order with the given id.
func (s *OrderService) GetOrder(ctx context.Context, orderID string) (*Order, error) {
	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if order == nil {
		return nil, ErrNotFound
	}
	return order, nil
}

// CancelOrder cancels a pending order.
func (s *OrderService) CancelOrder(ctx context.Context, orderID string) (*Order, error) {
	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return nil, fmt.Errorf("load order %s: %w", orderID, err)
	}
	if order.Status != "pending" {
		return nil, errors.New("only pending orders can be cancelled")
	}
	order.Status = "cancelled"
	order.UpdatedAt = s.now()
	if err := s.repo.Save(ctx, order); err != nil {
		return nil, fmt.Errorf("save order %s: %w", orderID, err)
	}
	return order, nil
}
