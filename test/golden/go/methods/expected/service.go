package orders

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/orders")

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
	ctx, span := tracer.Start(ctx, "orders.GetOrder", trace.WithAttributes(
		attribute.String("service.operation", "get_order"),
		attribute.String("business.entity_id", orderID),
	))
	defer span.End()

	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.Get failed")
		return nil, err
	}
	if order == nil {
		span.RecordError(ErrNotFound)
		span.SetStatus(codes.Error, "order not found")
		return nil, ErrNotFound
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return order, nil
}

// CancelOrder cancels a pending order.
func (s *OrderService) CancelOrder(ctx context.Context, orderID string) (*Order, error) {
	ctx, span := tracer.Start(ctx, "orders.CancelOrder", trace.WithAttributes(
		attribute.String("service.operation", "cancel_order"),
		attribute.String("business.entity_id", orderID),
	))
	defer span.End()

	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.Get failed")
		return nil, fmt.Errorf("load order %s: %w", orderID, err)
	}
	if order.Status != "pending" {
		retErr := errors.New("only pending orders can be cancelled")
		span.RecordError(retErr)
		span.SetStatus(codes.Error, "only pending orders can be cancelled")
		return nil, retErr
	}
	order.Status = "cancelled"
	order.UpdatedAt = s.now()
	if err := s.repo.Save(ctx, order); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.Save failed")
		return nil, fmt.Errorf("save order %s: %w", orderID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return order, nil
}
