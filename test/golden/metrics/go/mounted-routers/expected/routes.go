package shop

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
)

// Routes mounts the orders router under /api/orders and, for old clients, under /legacy/orders.
func (h *Handler) Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/api", func(r chi.Router) {
		r.Mount("/orders", h.orderRoutes())
		r.Group(func(r chi.Router) {
			r.Get("/health", h.Health)
		})
	})
	r.Mount("/legacy/orders", h.orderRoutes())
	return r
}

func (h *Handler) orderRoutes() chi.Router {
	r := chi.NewRouter()
	r.Post("/", h.CreateOrder)
	r.Route("/{id}", func(r chi.Router) {
		r.Get("/", h.GetOrder)
		r.Get("/items", h.ListItems)
	})
	return r
}

func (h *Handler) Health(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	w = rec
	defer func(start time.Time) {
		status := rec.statusCode()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(r.Method, chiMatchedRoute(r, "/api/health"), status)
		requestDuration.Record(r.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(r.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	w.WriteHeader(http.StatusNoContent)
}
