package checkout

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/checkout")

type Item struct {
	SKU   string
	Price int64
}

type Cart struct {
	ID    string
	Items []Item
}

type Receipt struct {
	CartID string
	Total  int64
}

// Carts loads shopping carts.
type Carts interface {
	Get(ctx context.Context, cartID string) (*Cart, error)
}

// Payments charges carts.
type Payments interface {
	Charge(ctx context.Context, cart *Cart) (*Receipt, error)
}

// Checkout turns carts into paid orders.
type Checkout struct {
	carts    Carts
	payments Payments
	empties  int
}

func NewCheckout(carts Carts, payments Payments) *Checkout {
	return &Checkout{carts: carts, payments: payments}
}

// Pay charges the cart and returns the receipt.
func (c *Checkout) Pay(ctx context.Context, cartID string) (_ *Receipt, retErr error) {
	ctx, span := tracer.Start(ctx, "checkout.Pay", trace.WithAttributes(
		attribute.String("service.operation", "pay"),
		attribute.String("business.entity_id", cartID),
	))
	defer span.End()
	defer func() {
		if retErr != nil {
			span.RecordError(retErr)
			span.SetStatus(codes.Error, "Pay failed")
		}
	}()

	cart, err := c.carts.Get(ctx, cartID)
	if err != nil {
		return nil, err
	}
	if len(cart.Items) == 0 {
		return c.emptyReceipt(cart), errors.New("cart is empty")
	}
	return c.payments.Charge(ctx, cart)
}

func (c *Checkout) emptyReceipt(cart *Cart) *Receipt {
	c.empties++
	return &Receipt{CartID: cart.ID}
}
