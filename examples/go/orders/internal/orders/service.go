package orders

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/orders/internal/orders")

// maxLineItems bounds an order's size; larger baskets go through the bulk-order flow.
const maxLineItems = 50

// OrderService holds the order business rules: validation, payment capture and cancellation.
type OrderService struct {
	repo     Repository
	payments PaymentGateway
	now      func() time.Time
}

// NewOrderService wires the service to its store and payment provider.
func NewOrderService(repo Repository, payments PaymentGateway) *OrderService {
	return &OrderService{repo: repo, payments: payments, now: time.Now}
}

// PlaceOrder validates the basket, prices it and stores a pending order.
func (s *OrderService) PlaceOrder(ctx context.Context, customerID string, items []LineItem) (*Order, error) {
	total, err := validateItems(customerID, items)
	if err != nil {
		return nil, err
	}
	id, err := newOrderID()
	if err != nil {
		return nil, fmt.Errorf("place order: %w", err)
	}
	now := s.now().UTC()
	order := &Order{
		ID:         id,
		CustomerID: customerID,
		Items:      items,
		Total:      total,
		Status:     StatusPending,
		CreatedAt:  now,
		UpdatedAt:  now,
	}
	if err := s.repo.Create(ctx, order); err != nil {
		return nil, fmt.Errorf("place order: %w", err)
	}
	return order, nil
}

// GetOrder returns the order with the given id.
func (s *OrderService) GetOrder(ctx context.Context, orderID string) (*Order, error) {
	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	return order, nil
}

// ProcessPayment captures the payment for a pending order and marks it paid. The amount must match the
// order total exactly: partial payments are not supported.
func (s *OrderService) ProcessPayment(ctx context.Context, orderID string, amount Money) error {
	ctx, span := tracer.Start(ctx, "orders.ProcessPayment",
		trace.WithAttributes(attribute.String("business.entity_id", orderID)))
	defer span.End()

	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if order.Status != StatusPending {
		return fmt.Errorf("pay order %s (%s): %w", orderID, order.Status, ErrInvalidState)
	}
	if !order.Total.Equal(amount) {
		return fmt.Errorf("pay order %s: got %s, want %s: %w", orderID, amount, order.Total, ErrAmountMismatch)
	}

	receipt, err := s.payments.Charge(ctx, ChargeRequest{
		OrderID:        order.ID,
		CustomerID:     order.CustomerID,
		Amount:         amount,
		IdempotencyKey: "pay-" + order.ID,
	})
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "charge failed")
		return fmt.Errorf("pay order %s: %w", orderID, err)
	}

	order.Status = StatusPaid
	order.PaymentRef = receipt.Reference
	order.UpdatedAt = s.now().UTC()
	if err := s.repo.Update(ctx, order); err != nil {
		return fmt.Errorf("pay order %s: record payment: %w", orderID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "paid"))
	return nil
}

// CancelOrder cancels a pending order, or refunds and cancels a paid one.
func (s *OrderService) CancelOrder(ctx context.Context, orderID string) error {
	ctx, span := tracer.Start(ctx, "orders.CancelOrder", trace.WithAttributes(
		attribute.String("service.operation", "cancel_order"),
		attribute.String("business.entity_id", orderID),
	))
	defer span.End()

	order, err := s.repo.Get(ctx, orderID)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "load order failed")
		return err
	}
	switch order.Status {
	case StatusCancelled:
		span.SetAttributes(attribute.String("business.outcome", "already_cancelled"))
		return nil
	case StatusPaid:
		if err := s.payments.Refund(ctx, order.PaymentRef, order.Total); err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "refund failed")
			return fmt.Errorf("cancel order %s: %w", orderID, err)
		}
	}

	order.Status = StatusCancelled
	order.UpdatedAt = s.now().UTC()
	if err := s.repo.Update(ctx, order); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "update order failed")
		return fmt.Errorf("cancel order %s: %w", orderID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "cancelled"))
	return nil
}

// validateItems checks the basket and returns its total. All lines must share one currency.
func validateItems(customerID string, items []LineItem) (Money, error) {
	if customerID == "" {
		return Money{}, fmt.Errorf("%w: customer_id is required", ErrInvalidOrder)
	}
	if len(items) == 0 || len(items) > maxLineItems {
		return Money{}, fmt.Errorf("%w: an order needs 1 to %d items, got %d", ErrInvalidOrder, maxLineItems, len(items))
	}
	total := NewMoney(0, items[0].UnitPrice.Currency)
	for i, item := range items {
		switch {
		case item.SKU == "":
			return Money{}, fmt.Errorf("%w: item %d has no sku", ErrInvalidOrder, i)
		case item.Quantity <= 0:
			return Money{}, fmt.Errorf("%w: item %d (%s) has quantity %d", ErrInvalidOrder, i, item.SKU, item.Quantity)
		case !item.UnitPrice.IsPositive():
			return Money{}, fmt.Errorf("%w: item %d (%s) has no price", ErrInvalidOrder, i, item.SKU)
		case item.UnitPrice.Currency != total.Currency:
			return Money{}, fmt.Errorf("%w: mixed currencies %s and %s", ErrInvalidOrder, total.Currency, item.UnitPrice.Currency)
		}
		total = total.Plus(item.UnitPrice.Times(item.Quantity))
	}
	return total, nil
}

func newOrderID() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", errors.Join(errors.New("generate order id"), err)
	}
	return "ord_" + hex.EncodeToString(b[:]), nil
}
