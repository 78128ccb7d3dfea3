// Command orders serves the order API over HTTP.
//
// Configuration comes from the environment:
//
//	ORDERS_ADDR            listen address (default ":8080")
//	PAYMENTS_URL           base URL of the payment provider (required)
//	PAYMENTS_API_KEY       API key for the payment provider (required)
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/orders/internal/orders"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(log); err != nil {
		log.Error("orders service stopped", "error", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger) error {
	paymentsURL, apiKey := os.Getenv("PAYMENTS_URL"), os.Getenv("PAYMENTS_API_KEY")
	if paymentsURL == "" || apiKey == "" {
		return errors.New("PAYMENTS_URL and PAYMENTS_API_KEY must be set")
	}
	svc := orders.NewOrderService(
		orders.NewMemoryRepository(),
		orders.NewHTTPPaymentGateway(paymentsURL, apiKey, nil),
	)
	srv := &http.Server{
		Addr:              envOr("ORDERS_ADDR", ":8080"),
		Handler:           routes(orders.NewHandler(svc, log)),
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.ListenAndServe() }()
	log.Info("orders service listening", "addr", srv.Addr)

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// routes maps the API onto Go 1.22 method-and-path patterns.
func routes(h *orders.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders", h.CreateOrder)
	mux.HandleFunc("GET /orders/{id}", h.GetOrder)
	mux.HandleFunc("POST /orders/{id}/payment", h.PayOrder)
	mux.HandleFunc("POST /orders/{id}/cancel", h.CancelOrder)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
