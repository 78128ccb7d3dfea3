package catalog

import (
	"context"
	"log"
	"net/http"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

var meter = otel.Meter("example.com/shop/catalog")

var (
	lookupLatency metric.Float64Histogram
	lookupCount   metric.Int64Counter
)

func init() {
	var err error
	if lookupLatency, err = meter.Float64Histogram("shop.catalog.lookup.duration", metric.WithUnit("s")); err != nil {
		log.Print(err)
	}
	if lookupCount, err = meter.Int64Counter("shop.catalog.lookups"); err != nil {
		log.Print(err)
	}
}

func ListProducts(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	<-ctx.Done()
	w.WriteHeader(http.StatusGatewayTimeout)
}

func Stream(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	conn.Close()
}
