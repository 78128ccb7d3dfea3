package orders

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newTestHandler(gw *fakeGateway) (*Handler, *OrderService) {
	svc := newTestService(gw)
	return NewHandler(svc, slog.New(slog.NewTextHandler(io.Discard, nil))), svc
}

func placeTestOrder(t *testing.T, svc *OrderService) *Order {
	t.Helper()
	order, err := svc.PlaceOrder(context.Background(), "cus_1", []LineItem{{SKU: "lamp", Quantity: 1, UnitPrice: eur(2500)}})
	if err != nil {
		t.Fatal(err)
	}
	return order
}

func TestCreateOrderHandler(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
	}{
		{
			name:       "created",
			body:       `{"customer_id":"cus_1","items":[{"sku":"lamp","quantity":2,"unit_price":{"amount_minor":2500,"currency":"EUR"}}]}`,
			wantStatus: http.StatusCreated,
		},
		{name: "malformed json", body: `{"customer_id":`, wantStatus: http.StatusBadRequest},
		{name: "unknown field", body: `{"customer":"cus_1"}`, wantStatus: http.StatusBadRequest},
		{name: "empty basket", body: `{"customer_id":"cus_1","items":[]}`, wantStatus: http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newTestHandler(&fakeGateway{})
			rec := httptest.NewRecorder()
			h.CreateOrder(rec, httptest.NewRequest(http.MethodPost, "/orders", strings.NewReader(tt.body)))

			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus != http.StatusCreated {
				return
			}
			var order Order
			if err := json.NewDecoder(rec.Body).Decode(&order); err != nil {
				t.Fatal(err)
			}
			if rec.Header().Get("Location") != "/orders/"+order.ID || !order.Total.Equal(eur(5000)) {
				t.Fatalf("got order %+v at %q", order, rec.Header().Get("Location"))
			}
		})
	}
}

func TestGetOrderHandler(t *testing.T) {
	h, svc := newTestHandler(&fakeGateway{})
	order := placeTestOrder(t, svc)
	tests := []struct {
		id         string
		wantStatus int
	}{
		{order.ID, http.StatusOK},
		{"ord_unknown", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/orders/"+tt.id, nil)
			req.SetPathValue("id", tt.id)
			rec := httptest.NewRecorder()
			h.GetOrder(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
		})
	}
}

func TestPayOrderHandler(t *testing.T) {
	tests := []struct {
		name       string
		chargeErr  error
		amount     int64
		wantStatus int
	}{
		{name: "paid", amount: 2500, wantStatus: http.StatusOK},
		{name: "declined", chargeErr: ErrPaymentDeclined, amount: 2500, wantStatus: http.StatusPaymentRequired},
		{name: "wrong amount", amount: 100, wantStatus: http.StatusUnprocessableEntity},
		{name: "provider outage", chargeErr: errors.New("connection reset"), amount: 2500, wantStatus: http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, svc := newTestHandler(&fakeGateway{chargeErr: tt.chargeErr})
			order := placeTestOrder(t, svc)
			body := `{"amount":{"amount_minor":` + jsonInt(tt.amount) + `,"currency":"EUR"}}`
			req := httptest.NewRequest(http.MethodPost, "/orders/"+order.ID+"/payment", strings.NewReader(body))
			req.SetPathValue("id", order.ID)
			rec := httptest.NewRecorder()
			h.PayOrder(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
		})
	}
}

func TestCancelOrderHandler(t *testing.T) {
	h, svc := newTestHandler(&fakeGateway{})
	order := placeTestOrder(t, svc)
	for _, want := range []int{http.StatusNoContent, http.StatusNoContent} { // cancelling twice is idempotent
		req := httptest.NewRequest(http.MethodPost, "/orders/"+order.ID+"/cancel", nil)
		req.SetPathValue("id", order.ID)
		rec := httptest.NewRecorder()
		h.CancelOrder(rec, req)
		if rec.Code != want {
			t.Fatalf("status = %d, want %d", rec.Code, want)
		}
	}
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
