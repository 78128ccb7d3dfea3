package orders

import (
	"context"
	"encoding/json"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/orders")

type createOrderRequest struct {
	CustomerID string   `json:"customer_id"`
	SKUs       []string `json:"skus"`
}

type Order struct {
	ID         string   `json:"id"`
	CustomerID string   `json:"customer_id"`
	SKUs       []string `json:"skus"`
}

// Creator creates orders.
type Creator interface {
	Create(ctx context.Context, customerID string, skus []string) (*Order, error)
}

// Handler serves the orders API.
type Handler struct {
	orders Creator
}

func NewHandler(orders Creator) *Handler {
	return &Handler{orders: orders}
}

// CreateOrder handles POST /orders.
func (h *Handler) CreateOrder(w http.ResponseWriter, r *http.Request) {
	ctx, span := tracer.Start(r.Context(), "orders.CreateOrder", trace.WithAttributes(
		attribute.String("service.operation", "create_order"),
	))
	defer span.End()
	r = r.WithContext(ctx)

	var req createOrderRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "invalid request body", http.StatusBadRequest)
		return
	}
	order, err := h.orders.Create(r.Context(), req.CustomerID, req.SKUs)
	if err != nil {
		http.Error(w, "could not create the order", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(order)
}
