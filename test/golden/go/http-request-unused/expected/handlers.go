package inventory

import (
	"encoding/json"
	"net/http"
	"sort"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/inventory")

// Catalog is the in-memory list of SKUs on sale.
type Catalog struct {
	mu   sync.RWMutex
	skus map[string]int
}

func NewCatalog(skus map[string]int) *Catalog {
	return &Catalog{skus: skus}
}

// ListProducts handles GET /products: every SKU with its stock level, sorted.
func (c *Catalog) ListProducts(w http.ResponseWriter, r *http.Request) {
	_, span := tracer.Start(r.Context(), "inventory.ListProducts", trace.WithAttributes(
		attribute.String("service.operation", "list_products"),
	))
	defer span.End()

	c.mu.RLock()
	names := make([]string, 0, len(c.skus))
	for sku := range c.skus {
		names = append(names, sku)
	}
	c.mu.RUnlock()
	sort.Strings(names)
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(names); err != nil {
		http.Error(w, "could not encode the catalog", http.StatusInternalServerError)
	}
}
