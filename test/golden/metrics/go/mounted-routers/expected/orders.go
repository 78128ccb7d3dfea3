package shop

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
)

// chiMatchedRoute is the route pattern chi matched for the request, Mount and Route prefixes included
// (final once the handler runs), or fallback when the request did not come through a chi router.
func chiMatchedRoute(r *http.Request, fallback string) string {
	if rctx := chi.RouteContext(r.Context()); rctx != nil {
		if pattern := rctx.RoutePattern(); pattern != "" {
			return pattern
		}
	}
	return fallback
}

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
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, chiMatchedRoute(r, "Handler.GetOrder"), status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
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
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, chiMatchedRoute(r, "Handler.CreateOrder"), status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
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
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, chiMatchedRoute(r, "Handler.ListItems"), status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if chi.URLParam(r, "id") == "broken" {
		panic("items store unavailable")
	}
	_, _ = w.Write([]byte("[]"))
}
