package unnamedcontext_test

import (
	"context"
	"testing"

	expected "example.com/golden/unnamed-context/expected"
	input "example.com/golden/unnamed-context/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

// The context parameter was `_`; named now, it gives the span its parent.
func restock(t *testing.T, delivered int) (spantest.Stub, error) {
	t.Helper()
	a, b := input.NewShelf(map[string]int{}), expected.NewShelf(map[string]int{})
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return a.Restock(ctx, "sku-1", delivered) }),
		spantest.NoResult(func(ctx context.Context) error { return b.Restock(ctx, "sku-1", delivered) }))
	span := rec.Find(t, "inventory.Restock")
	spantest.ChildOf(t, span, caller)
	return span, err
}

func TestRestock(t *testing.T) {
	span, err := restock(t, 3)
	if err != nil {
		t.Fatal(err)
	}
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"business.entity_id": "sku-1", "business.outcome": "success"})
}

func TestRestockNothingDelivered(t *testing.T) {
	span, err := restock(t, 0)
	spantest.Failed(t, span, "delivered quantity must be positive", err)
}
