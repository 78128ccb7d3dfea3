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
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, "/orders", status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if _, ok := customers[r.URL.Query().Get("customer")]; !ok {
		http.Error(w, "unknown customer", http.StatusBadRequest)
		return
	}
	_ = json.NewEncoder(w).Encode([]Order{})
}

func CreateOrder(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, "/orders", status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
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
