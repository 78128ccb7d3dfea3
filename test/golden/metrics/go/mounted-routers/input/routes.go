package shop

import (
	"net/http"

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
	w.WriteHeader(http.StatusNoContent)
}
