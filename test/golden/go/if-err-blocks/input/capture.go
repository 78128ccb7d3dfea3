package payments

import (
	"context"
	"errors"
	"fmt"
)

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
	auth, err := s.provider.Authorization(ctx, paymentID)
	switch {
	case errors.Is(err, ErrExpired):
		return fmt.Errorf("capture %s: authorization expired: %w", paymentID, err)
	case err != nil:
		return err
	}
	if err = s.provider.Capture(ctx, auth); err != nil {
		if errors.Is(err, ErrDeclined) {
			return ErrDeclined
		}
		return fmt.Errorf("capture %s: %w", paymentID, err)
	}
	return nil
}
