package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/orders/internal/orders"
)

func TestRoutes(t *testing.T) {
	svc := orders.NewOrderService(orders.NewMemoryRepository(), orders.NewHTTPPaymentGateway("http://127.0.0.1:0", "unused", nil))
	mux := routes(orders.NewHandler(svc, slog.New(slog.NewTextHandler(io.Discard, nil))))
	tests := []struct {
		method, path, body string
		wantStatus         int
	}{
		{http.MethodGet, "/healthz", "", http.StatusNoContent},
		{http.MethodGet, "/orders/ord_missing", "", http.StatusNotFound},
		{http.MethodDelete, "/orders/ord_missing", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "/orders", `{"customer_id":"cus_1","items":[]}`, http.StatusUnprocessableEntity},
		{http.MethodPost, "/orders/ord_missing/cancel", "", http.StatusNotFound},
		{http.MethodGet, "/unknown", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body)))
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
		})
	}
}
