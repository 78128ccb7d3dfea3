package existingspanattributes_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/existing-span-attributes/expected"
	input "example.com/golden/existing-span-attributes/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

type counter struct{ err error }

func (c counter) Record(ctx context.Context, sku string, counted int) error {
	spantest.Dependency(ctx, "counter.Record")
	return c.err
}

func record(t *testing.T, err error) (spantest.Stub, error) {
	t.Helper()
	_, caller, got := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return input.RecordCount(ctx, counter{err}, "sku-9", 12) }),
		spantest.NoResult(func(ctx context.Context) error { return expected.RecordCount(ctx, counter{err}, "sku-9", 12) }))
	span := rec.Find(t, "inventory.RecordCount")
	spantest.ChildOf(t, span, caller)
	spantest.ChildOf(t, rec.Find(t, "counter.Record"), span)
	spantest.Attributes(t, span, map[string]string{"service.operation": "record_count", "business.entity_id": "sku-9"})
	return span, got
}

func TestRecordCount(t *testing.T) {
	span, err := record(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	spantest.Unset(t, span)
}

func TestRecordCountFailure(t *testing.T) {
	boom := errors.New("count rejected")
	span, _ := record(t, boom)
	spantest.Failed(t, span, "record count failed", boom)
}
