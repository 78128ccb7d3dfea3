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

// ErrDuplicate is returned for a payment that was already captured.
var ErrDuplicate = errors.New("payment already captured")

type Payment struct {
	ID       string
	Amount   int64
	Captured bool
}

// Repository stores payments.
type Repository interface {
	Get(ctx context.Context, id string) (*Payment, error)
	MarkCaptured(ctx context.Context, id string) error
}

// Acquirer moves the money.
type Acquirer interface {
	Capture(ctx context.Context, id string, amount int64) error
}

// Service captures payments.
type Service struct {
	repo     Repository
	acquirer Acquirer
}

func NewService(repo Repository, acquirer Acquirer) *Service {
	return &Service{repo: repo, acquirer: acquirer}
}

// CapturePayment captures a payment once.
func (s *Service) CapturePayment(ctx context.Context, paymentID string) error {
	ctx, span := tracer.Start(ctx, "payments.CapturePayment", trace.WithAttributes(
		attribute.String("service.operation", "capture_payment"),
		attribute.String("business.entity_id", paymentID),
	))
	defer span.End()

	payment, err := s.repo.Get(ctx, paymentID)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "load payment failed")
		return err
	}
	if payment.Captured {
		span.RecordError(ErrDuplicate)
		span.SetStatus(codes.Error, "payment already captured")
		return ErrDuplicate
	}
	if err := s.acquirer.Capture(ctx, payment.ID, payment.Amount); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "acquirer.Capture failed")
		return fmt.Errorf("capture %s: %w", paymentID, err)
	}
	if err := s.repo.MarkCaptured(ctx, paymentID); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "repo.MarkCaptured failed")
		return fmt.Errorf("mark %s captured: %w", paymentID, err)
	}
	return nil
}
