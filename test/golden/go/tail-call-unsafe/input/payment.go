package orders

import (
	"context"
	"fmt"
)

type Money struct {
	Currency string
	Cents    int64
}

// Validator checks payment requests.
type Validator interface {
	Validate(orderID string, amount Money) (Money, error)
}

// Gateway charges customers.
type Gateway interface {
	Charge(ctx context.Context, amount Money) error
}

// OrderService takes payments for orders.
type OrderService struct {
	validator Validator
	gateway   Gateway
}

func NewOrderService(validator Validator, gateway Gateway) *OrderService {
	return &OrderService{validator: validator, gateway: gateway}
}

// ProcessPayment validates the amount and charges it.
func (s *OrderService) ProcessPayment(ctx context.Context, orderID string, amount Money) error {
	validated, err := s.validator.Validate(orderID, amount)
	if err != nil {
		return fmt.Errorf("validation failed: %w", err)
	}
	return s.gateway.Charge(ctx, validated)
}
