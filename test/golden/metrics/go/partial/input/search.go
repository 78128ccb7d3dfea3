package search

import (
	"net/http"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

var searchLatency, searchLatencyErr = otel.Meter("example.com/shop/search").Float64Histogram(
	"shop.search.request.duration",
	metric.WithUnit("s"),
)

func init() {
	if searchLatencyErr != nil {
		otel.Handle(searchLatencyErr)
	}
}

func Search(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() {
		searchLatency.Record(r.Context(), time.Since(start).Seconds())
	}()
	if r.URL.Query().Get("q") == "" {
		http.Error(w, "missing query", http.StatusBadRequest)
		return
	}
	w.Write([]byte("[]"))
}
