// Command inventory serves warehouse stock levels and reservations over HTTP.
package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"example.com/inventory/stock"
)

func main() {
	addr := ":8081"
	if v := os.Getenv("INVENTORY_ADDR"); v != "" {
		addr = v
	}
	store := stock.NewStore(
		stock.Level{SKU: "lamp", OnHand: 40},
		stock.Level{SKU: "book", OnHand: 250},
	)
	srv := &http.Server{
		Addr:              addr,
		Handler:           newRouter(store),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("inventory listening on %s", addr)
	log.Fatal(srv.ListenAndServe())
}

// newRouter registers the API and wraps the whole mux in otelhttp, which starts a server span and records
// the HTTP server metrics for every request. otelhttp reads the matched ServeMux pattern, so spans and
// metrics carry the low-cardinality route (`GET /stock/{sku}`), not the raw path.
func newRouter(store *stock.Store) http.Handler {
	h := stock.NewHandler(store)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stock/{sku}", h.GetStock)
	mux.HandleFunc("POST /stock/{sku}/reservations", h.Reserve)
	mux.HandleFunc("DELETE /reservations/{order}", h.Release)
	return otelhttp.NewHandler(mux, "inventory")
}
