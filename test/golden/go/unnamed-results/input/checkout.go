package checkout

import (
	"context"
	"errors"
)

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
func (c *Checkout) Pay(ctx context.Context, cartID string) (*Receipt, error) {
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
