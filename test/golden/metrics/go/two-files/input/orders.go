package accounts

import (
	"encoding/json"
	"net/http"
	"time"
)

type Order struct {
	ID       string    `json:"id"`
	Customer string    `json:"customer"`
	Placed   time.Time `json:"placed"`
}

func ListOrders(w http.ResponseWriter, r *http.Request) {
	if _, ok := customers[r.URL.Query().Get("customer")]; !ok {
		http.Error(w, "unknown customer", http.StatusBadRequest)
		return
	}
	_ = json.NewEncoder(w).Encode([]Order{})
}

func CreateOrder(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad order", http.StatusBadRequest)
		return
	}
	if o.Customer == "blocked" {
		http.Error(w, "ledger unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func RegisterOrders(mux *http.ServeMux) {
	mux.HandleFunc("GET /orders", ListOrders)
	mux.HandleFunc("POST /orders", CreateOrder)
}
