package orders

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/orders")

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
func (s *OrderService) ProcessPayment(ctx context.Context, orderID string, amount Money) (retErr error) {
	ctx, span := tracer.Start(ctx, "orders.ProcessPayment", trace.WithAttributes(
		attribute.String("service.operation", "process_payment"),
		attribute.String("business.entity_id", orderID),
	))
	defer span.End()
	defer func() {
		if retErr != nil {
			span.RecordError(retErr)
			span.SetStatus(codes.Error, "ProcessPayment failed")
		}
	}()

	validated, err := s.validator.Validate(orderID, amount)
	if err != nil {
		return fmt.Errorf("validation failed: %w", err)
	}
	return s.gateway.Charge(ctx, validated)
}
