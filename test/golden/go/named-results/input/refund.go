package payments

import (
	"context"
	"errors"
	"fmt"
)

// ErrInvalidAmount is returned for refunds of zero or less.
var ErrInvalidAmount = errors.New("refund amount must be positive")

type Payment struct {
	ID       string
	Captured int64
}

// Client talks to the payment provider.
type Client interface {
	Lookup(ctx context.Context, paymentID string) (*Payment, error)
	Refund(ctx context.Context, p *Payment, amount int64) (string, error)
}

// Gateway refunds captured payments.
type Gateway struct {
	client Client
}

func NewGateway(client Client) *Gateway {
	return &Gateway{client: client}
}

// Refund refunds part or all of a captured payment and returns the provider's refund id.
func (g *Gateway) Refund(ctx context.Context, paymentID string, amount int64) (refundID string, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("refund %s: %w", paymentID, err)
		}
	}()
	if amount <= 0 {
		err = ErrInvalidAmount
		return
	}
	payment, err := g.client.Lookup(ctx, paymentID)
	if err != nil {
		return "", err
	}
	if amount > payment.Captured {
		return "", fmt.Errorf("refund of %d exceeds the captured %d", amount, payment.Captured)
	}
	refundID, err = g.client.Refund(ctx, payment, amount)
	return
}
