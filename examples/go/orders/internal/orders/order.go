package orders

import (
	"errors"
	"time"
)

// Status is where an order is in its lifecycle: pending → paid, or pending → cancelled.
type Status string

const (
	StatusPending   Status = "pending"
	StatusPaid      Status = "paid"
	StatusCancelled Status = "cancelled"
)

// Sentinel errors the HTTP layer maps to status codes; wrap them with %w to add detail.
var (
	ErrNotFound        = errors.New("order not found")
	ErrInvalidOrder    = errors.New("invalid order")
	ErrInvalidState    = errors.New("order is not in a valid state for this operation")
	ErrAmountMismatch  = errors.New("payment amount does not match order total")
	ErrPaymentDeclined = errors.New("payment declined")
)

// LineItem is one product line of an order.
type LineItem struct {
	SKU       string `json:"sku"`
	Quantity  int    `json:"quantity"`
	UnitPrice Money  `json:"unit_price"`
}

// Order is the aggregate the service stores.
type Order struct {
	ID         string     `json:"id"`
	CustomerID string     `json:"customer_id"`
	Items      []LineItem `json:"items"`
	Total      Money      `json:"total"`
	Status     Status     `json:"status"`
	PaymentRef string     `json:"payment_ref,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}
