package shop

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/go-chi/chi/v5"
)

type Order struct {
	ID    string `json:"id"`
	Items int    `json:"items"`
}

// Handler serves the orders API; its routes are registered in routes.go.
type Handler struct {
	mu     sync.Mutex
	orders map[string]Order
}

func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	o, ok := h.orders[chi.URLParam(r, "id")]
	h.mu.Unlock()
	if !ok {
		http.Error(w, "no such order", http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(o)
}

func (h *Handler) CreateOrder(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil || o.ID == "" {
		http.Error(w, "invalid order", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.orders[o.ID] = o
	h.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
}

func (h *Handler) ListItems(w http.ResponseWriter, r *http.Request) {
	if chi.URLParam(r, "id") == "broken" {
		panic("items store unavailable")
	}
	_, _ = w.Write([]byte("[]"))
}
