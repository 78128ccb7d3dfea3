package orders

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

// maxBodyBytes caps request bodies; an order with maxLineItems lines fits comfortably.
const maxBodyBytes = 64 << 10

// Handler exposes OrderService over HTTP/JSON.
type Handler struct {
	svc *OrderService
	log *slog.Logger
}

// NewHandler returns the HTTP handlers for svc.
func NewHandler(svc *OrderService, log *slog.Logger) *Handler {
	return &Handler{svc: svc, log: log}
}

type createOrderRequest struct {
	CustomerID string     `json:"customer_id"`
	Items      []LineItem `json:"items"`
}

type payOrderRequest struct {
	Amount Money `json:"amount"`
}

// CreateOrder handles POST /orders.
func (h *Handler) CreateOrder(w http.ResponseWriter, r *http.Request) {
	var req createOrderRequest
	if err := decodeJSON(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	order, err := h.svc.PlaceOrder(r.Context(), req.CustomerID, req.Items)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/orders/"+order.ID)
	writeJSON(w, http.StatusCreated, order)
}

// GetOrder handles GET /orders/{id}.
func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request) {
	order, err := h.svc.GetOrder(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, order)
}

// PayOrder handles POST /orders/{id}/payment.
func (h *Handler) PayOrder(w http.ResponseWriter, r *http.Request) {
	var req payOrderRequest
	if err := decodeJSON(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id := r.PathValue("id")
	if err := h.svc.ProcessPayment(r.Context(), id, req.Amount); err != nil {
		h.fail(w, r, err)
		return
	}
	order, err := h.svc.GetOrder(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, order)
}

// CancelOrder handles POST /orders/{id}/cancel.
func (h *Handler) CancelOrder(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.CancelOrder(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// fail maps domain errors to status codes. Unexpected errors are logged and hidden behind a 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "order not found")
	case errors.Is(err, ErrInvalidOrder), errors.Is(err, ErrAmountMismatch):
		writeError(w, http.StatusUnprocessableEntity, err.Error())
	case errors.Is(err, ErrInvalidState):
		writeError(w, http.StatusConflict, err.Error())
	case errors.Is(err, ErrPaymentDeclined):
		writeError(w, http.StatusPaymentRequired, "payment declined")
	default:
		h.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status line is already sent; an encoding error here can only be a broken connection.
	_ = json.NewEncoder(w).Encode(body)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}
