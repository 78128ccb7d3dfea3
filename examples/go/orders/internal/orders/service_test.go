package orders

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeGateway records charges and refunds and fails on demand.
type fakeGateway struct {
	chargeErr error
	refundErr error
	charges   []ChargeRequest
	refunds   []string
}

func (g *fakeGateway) Charge(_ context.Context, req ChargeRequest) (Receipt, error) {
	if g.chargeErr != nil {
		return Receipt{}, g.chargeErr
	}
	g.charges = append(g.charges, req)
	return Receipt{Reference: "ch_" + req.OrderID, ChargedAt: time.Unix(0, 0)}, nil
}

func (g *fakeGateway) Refund(_ context.Context, reference string, _ Money) error {
	if g.refundErr != nil {
		return g.refundErr
	}
	g.refunds = append(g.refunds, reference)
	return nil
}

func eur(minor int64) Money { return NewMoney(minor, "eur") }

func newTestService(gw *fakeGateway) *OrderService {
	svc := NewOrderService(NewMemoryRepository(), gw)
	svc.now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	return svc
}

func TestPlaceOrder(t *testing.T) {
	tests := []struct {
		name       string
		customerID string
		items      []LineItem
		wantTotal  Money
		wantErr    error
	}{
		{
			name:       "prices every line",
			customerID: "cus_1",
			items:      []LineItem{{SKU: "book", Quantity: 2, UnitPrice: eur(1250)}, {SKU: "pen", Quantity: 1, UnitPrice: eur(199)}},
			wantTotal:  eur(2699),
		},
		{name: "missing customer", items: []LineItem{{SKU: "book", Quantity: 1, UnitPrice: eur(100)}}, wantErr: ErrInvalidOrder},
		{name: "empty basket", customerID: "cus_1", wantErr: ErrInvalidOrder},
		{name: "zero quantity", customerID: "cus_1", items: []LineItem{{SKU: "book", UnitPrice: eur(100)}}, wantErr: ErrInvalidOrder},
		{name: "missing sku", customerID: "cus_1", items: []LineItem{{Quantity: 1, UnitPrice: eur(100)}}, wantErr: ErrInvalidOrder},
		{name: "free item", customerID: "cus_1", items: []LineItem{{SKU: "book", Quantity: 1}}, wantErr: ErrInvalidOrder},
		{
			name:       "mixed currencies",
			customerID: "cus_1",
			items:      []LineItem{{SKU: "a", Quantity: 1, UnitPrice: eur(100)}, {SKU: "b", Quantity: 1, UnitPrice: NewMoney(100, "USD")}},
			wantErr:    ErrInvalidOrder,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := newTestService(&fakeGateway{})
			order, err := svc.PlaceOrder(context.Background(), tt.customerID, tt.items)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("PlaceOrder() error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("PlaceOrder() unexpected error: %v", err)
			}
			if !order.Total.Equal(tt.wantTotal) || order.Status != StatusPending {
				t.Fatalf("PlaceOrder() = total %s status %s, want %s pending", order.Total, order.Status, tt.wantTotal)
			}
			stored, err := svc.GetOrder(context.Background(), order.ID)
			if err != nil || stored.ID != order.ID {
				t.Fatalf("GetOrder(%s) = %v, %v; want the stored order", order.ID, stored, err)
			}
		})
	}
}

func TestProcessPayment(t *testing.T) {
	declined := errors.New("provider: card declined")
	tests := []struct {
		name       string
		chargeErr  error
		amount     Money
		orderID    string // empty means the order placed by the test
		wantErr    error
		wantStatus Status
	}{
		{name: "captures the total", amount: eur(2500), wantStatus: StatusPaid},
		{name: "unknown order", orderID: "ord_missing", amount: eur(2500), wantErr: ErrNotFound},
		{name: "wrong amount", amount: eur(2400), wantErr: ErrAmountMismatch, wantStatus: StatusPending},
		{name: "declined card", chargeErr: errors.Join(ErrPaymentDeclined, declined), amount: eur(2500), wantErr: ErrPaymentDeclined, wantStatus: StatusPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw := &fakeGateway{chargeErr: tt.chargeErr}
			svc := newTestService(gw)
			ctx := context.Background()
			order, err := svc.PlaceOrder(ctx, "cus_1", []LineItem{{SKU: "lamp", Quantity: 1, UnitPrice: eur(2500)}})
			if err != nil {
				t.Fatal(err)
			}
			id := tt.orderID
			if id == "" {
				id = order.ID
			}

			err = svc.ProcessPayment(ctx, id, tt.amount)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ProcessPayment() error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantStatus == "" {
				return
			}
			got, err := svc.GetOrder(ctx, order.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus {
				t.Fatalf("status = %s, want %s", got.Status, tt.wantStatus)
			}
			if tt.wantStatus == StatusPaid && got.PaymentRef != "ch_"+order.ID {
				t.Fatalf("payment ref = %q, want the receipt reference", got.PaymentRef)
			}
		})
	}
}

func TestProcessPaymentRejectsPaidOrder(t *testing.T) {
	gw := &fakeGateway{}
	svc := newTestService(gw)
	ctx := context.Background()
	order, err := svc.PlaceOrder(ctx, "cus_1", []LineItem{{SKU: "lamp", Quantity: 1, UnitPrice: eur(2500)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ProcessPayment(ctx, order.ID, eur(2500)); err != nil {
		t.Fatal(err)
	}
	if err := svc.ProcessPayment(ctx, order.ID, eur(2500)); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("second ProcessPayment() error = %v, want ErrInvalidState", err)
	}
	if len(gw.charges) != 1 {
		t.Fatalf("charged %d times, want exactly once", len(gw.charges))
	}
}

func TestCancelOrder(t *testing.T) {
	refundFailure := errors.New("provider unavailable")
	tests := []struct {
		name        string
		pay         bool
		refundErr   error
		wantErr     error
		wantRefunds int
		wantStatus  Status
	}{
		{name: "pending order is cancelled without refund", wantStatus: StatusCancelled},
		{name: "paid order is refunded", pay: true, wantRefunds: 1, wantStatus: StatusCancelled},
		{name: "failed refund keeps the order paid", pay: true, refundErr: refundFailure, wantErr: refundFailure, wantStatus: StatusPaid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw := &fakeGateway{refundErr: tt.refundErr}
			svc := newTestService(gw)
			ctx := context.Background()
			order, err := svc.PlaceOrder(ctx, "cus_1", []LineItem{{SKU: "lamp", Quantity: 2, UnitPrice: eur(1000)}})
			if err != nil {
				t.Fatal(err)
			}
			if tt.pay {
				if err := svc.ProcessPayment(ctx, order.ID, eur(2000)); err != nil {
					t.Fatal(err)
				}
			}

			if err := svc.CancelOrder(ctx, order.ID); !errors.Is(err, tt.wantErr) {
				t.Fatalf("CancelOrder() error = %v, want %v", err, tt.wantErr)
			}
			got, err := svc.GetOrder(ctx, order.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus || len(gw.refunds) != tt.wantRefunds {
				t.Fatalf("status %s with %d refunds, want %s with %d", got.Status, len(gw.refunds), tt.wantStatus, tt.wantRefunds)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		money Money
		want  string
	}{
		{eur(1250), "12.50 EUR"},
		{eur(5), "0.05 EUR"},
		{NewMoney(-99, "usd"), "-0.99 USD"},
		{eur(0), "0.00 EUR"},
	}
	for _, tt := range tests {
		if got := tt.money.String(); got != tt.want {
			t.Errorf("Money{%d, %s}.String() = %q, want %q", tt.money.Minor, tt.money.Currency, got, tt.want)
		}
	}
}
