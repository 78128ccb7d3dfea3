package orders

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHTTPPaymentGatewayCharge(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		response string
		wantRef  string
		wantErr  error
	}{
		{name: "captured", status: http.StatusCreated, response: `{"reference":"ch_123","charged_at":"2026-03-01T12:00:00Z"}`, wantRef: "ch_123"},
		{name: "declined", status: http.StatusPaymentRequired, response: `{"error":"card_declined"}`, wantErr: ErrPaymentDeclined},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got ChargeRequest
			provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v1/charges" || r.Header.Get("Authorization") != "Bearer sk_test" || r.Header.Get("Idempotency-Key") == "" {
					http.Error(w, "bad request", http.StatusBadRequest)
					return
				}
				if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
					http.Error(w, err.Error(), http.StatusBadRequest)
					return
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.response))
			}))
			defer provider.Close()

			gw := NewHTTPPaymentGateway(provider.URL, "sk_test", provider.Client())
			receipt, err := gw.Charge(context.Background(), ChargeRequest{OrderID: "ord_1", Amount: eur(999), IdempotencyKey: "pay-ord_1"})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Charge() error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Charge() unexpected error: %v", err)
			}
			if receipt.Reference != tt.wantRef || got.OrderID != "ord_1" || !got.Amount.Equal(eur(999)) {
				t.Fatalf("receipt %+v for request %+v", receipt, got)
			}
		})
	}
}

func TestHTTPPaymentGatewayRefundReportsProviderErrors(t *testing.T) {
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}))
	defer provider.Close()

	gw := NewHTTPPaymentGateway(provider.URL, "sk_test", provider.Client())
	if err := gw.Refund(context.Background(), "ch_123", eur(999)); err == nil {
		t.Fatal("Refund() succeeded against a failing provider")
	}
}
