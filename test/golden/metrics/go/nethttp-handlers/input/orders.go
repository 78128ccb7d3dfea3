package orders

import (
	"encoding/json"
	"net/http"
)

type Order struct {
	ID    string `json:"id"`
	Total int    `json:"total"`
}

type Handler struct {
	store map[string]Order
}

func (h *Handler) GetOrder(w http.ResponseWriter, r *http.Request) {
	order, ok := h.store[r.PathValue("id")]
	if !ok {
		http.Error(w, "order not found", http.StatusNotFound)
		return
	}
	if order.Total < 0 {
		panic("negative total")
	}
	_ = json.NewEncoder(w).Encode(order)
}

func CreateOrder(w http.ResponseWriter, r *http.Request) {
	var order Order
	if err := json.NewDecoder(r.Body).Decode(&order); err != nil {
		http.Error(w, "bad order", http.StatusBadRequest)
		return
	}
	if order.Total > 1000 {
		http.Error(w, "payment failed", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func Health(w http.ResponseWriter, _ *http.Request) {
	w.Write([]byte("ok"))
}

func Routes(h *Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", h.GetOrder)
	mux.HandleFunc("POST /orders", CreateOrder)
	return mux
}
