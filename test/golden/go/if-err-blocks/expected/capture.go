package payments

import (
	"context"
	"errors"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/payments")

var (
	// ErrExpired is returned when an authorization can no longer be captured.
	ErrExpired = errors.New("authorization expired")
	// ErrDeclined is returned when the issuer refuses the capture.
	ErrDeclined = errors.New("capture declined")
)

type Authorization struct {
	PaymentID string
	Amount    int64
}

// Provider is the payment provider's API.
type Provider interface {
	Authorization(ctx context.Context, paymentID string) (*Authorization, error)
	Capture(ctx context.Context, auth *Authorization) error
}

// Service captures authorized payments.
type Service struct {
	provider Provider
}

func NewService(provider Provider) *Service {
	return &Service{provider: provider}
}

// Capture captures the authorized amount of a payment.
func (s *Service) Capture(ctx context.Context, paymentID string) error {
	ctx, span := tracer.Start(ctx, "payments.Capture", trace.WithAttributes(
		attribute.String("service.operation", "capture"),
		attribute.String("business.entity_id", paymentID),
	))
	defer span.End()

	auth, err := s.provider.Authorization(ctx, paymentID)
	switch {
	case errors.Is(err, ErrExpired):
		span.RecordError(err)
		span.SetStatus(codes.Error, "authorization expired")
		return fmt.Errorf("capture %s: authorization expired: %w", paymentID, err)
	case err != nil:
		span.RecordError(err)
		span.SetStatus(codes.Error, "provider.Authorization failed")
		return err
	}
	if err = s.provider.Capture(ctx, auth); err != nil {
		if errors.Is(err, ErrDeclined) {
			span.RecordError(ErrDeclined)
			span.SetStatus(codes.Error, "capture declined")
			return ErrDeclined
		}
		span.RecordError(err)
		span.SetStatus(codes.Error, "provider.Capture failed")
		return fmt.Errorf("capture %s: %w", paymentID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return nil
}
