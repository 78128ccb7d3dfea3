package stock

import (
	"encoding/json"
	"errors"
	"net/http"
)

// Handler serves the stock API over HTTP/JSON.
type Handler struct {
	store *Store
}

// NewHandler returns the HTTP handlers for store.
func NewHandler(store *Store) *Handler {
	return &Handler{store: store}
}

type reserveRequest struct {
	OrderID  string `json:"order_id"`
	Quantity int    `json:"quantity"`
}

// GetStock handles GET /stock/{sku}.
func (h *Handler) GetStock(w http.ResponseWriter, r *http.Request) {
	level, err := h.store.Level(r.Context(), r.PathValue("sku"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, level)
}

// Reserve handles POST /stock/{sku}/reservations.
func (h *Handler) Reserve(w http.ResponseWriter, r *http.Request) {
	var req reserveRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.OrderID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "order_id and quantity are required"})
		return
	}
	if err := h.store.Reserve(r.Context(), req.OrderID, r.PathValue("sku"), req.Quantity); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Release handles DELETE /reservations/{order}.
func (h *Handler) Release(w http.ResponseWriter, r *http.Request) {
	if err := h.store.Release(r.Context(), r.PathValue("order")); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeStoreError(w http.ResponseWriter, err error) {
	var status int
	switch {
	case errors.Is(err, ErrUnknownSKU):
		status = http.StatusNotFound
	case errors.Is(err, ErrInsufficientStock):
		status = http.StatusConflict
	default:
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
