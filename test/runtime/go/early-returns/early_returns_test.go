package earlyreturns_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/early-returns/expected"
	input "example.com/golden/early-returns/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errCatalog = errors.New("catalog unavailable")

type catalog struct {
	price int64
	err   error
}

func (c catalog) Price(ctx context.Context, sku string) (int64, error) {
	spantest.Dependency(ctx, "catalog.Price")
	return c.price, c.err
}

func quote(t *testing.T, a *input.Pricer, b *expected.Pricer, qty int) (int64, error) {
	t.Helper()
	price, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (int64, error) { return a.Quote(ctx, "sku-1", qty) },
		func(ctx context.Context) (int64, error) { return b.Quote(ctx, "sku-1", qty) })
	spantest.ChildOf(t, rec.Find(t, "pricing.Quote"), caller)
	return price, err
}

func TestQuoteEarlySuccessReturns(t *testing.T) {
	c := catalog{price: 250}
	a, b := input.NewPricer(c), expected.NewPricer(c)
	for _, qty := range []int{0, 2, 3} { // nothing to price, a catalog lookup, then a cache hit
		if _, err := quote(t, a, b, qty); err != nil {
			t.Fatal(err)
		}
		span := rec.Find(t, "pricing.Quote")
		spantest.Unset(t, span)
		spantest.Attributes(t, span, map[string]string{"business.outcome": "success", "business.entity_id": "sku-1"})
	}
	rec.None(t, "catalog.Price") // the last quote came from the cache
}

func TestQuoteCatalogFailure(t *testing.T) {
	c := catalog{err: errCatalog}
	if _, err := quote(t, input.NewPricer(c), expected.NewPricer(c), 2); err != errCatalog {
		t.Fatalf("want the catalog's error itself, got %v", err)
	}
	span := rec.Find(t, "pricing.Quote")
	spantest.ChildOf(t, rec.Find(t, "catalog.Price"), span)
	spantest.Failed(t, span, "catalog.Price failed", errCatalog)
}

func TestQuoteNegativePrice(t *testing.T) {
	c := catalog{price: -1}
	_, err := quote(t, input.NewPricer(c), expected.NewPricer(c), 2)
	spantest.Failed(t, rec.Find(t, "pricing.Quote"), "catalog price for %s is negative", err)
}
