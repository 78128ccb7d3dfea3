package existingtracer_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/existing-tracer/expected"
	input "example.com/golden/existing-tracer/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errDB = errors.New("database is read-only")

type repo struct {
	levelErr, setErr error
	set              *int
}

func (r repo) Level(ctx context.Context, sku string) (int, error) {
	spantest.Dependency(ctx, "repo.Level")
	return 4, r.levelErr
}

func (r repo) SetLevel(ctx context.Context, sku string, level int) error {
	spantest.Dependency(ctx, "repo.SetLevel")
	*r.set = level
	return r.setErr
}

func restock(t *testing.T, levelErr, setErr error) error {
	t.Helper()
	var before, after int
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error {
			return input.Restock(ctx, repo{levelErr, setErr, &before}, "sku-1", 6)
		}),
		spantest.NoResult(func(ctx context.Context) error {
			return expected.Restock(ctx, repo{levelErr, setErr, &after}, "sku-1", 6)
		}))
	spantest.Same(t, "level written", before, after)
	span := rec.Find(t, "inventory.Restock")
	spantest.ChildOf(t, span, caller)
	spantest.Attributes(t, span, map[string]string{"service.operation": "restock", "business.entity_id": "sku-1"})
	return err
}

// The span comes from the package's existing tracer, whose scope names the package.
func TestRestock(t *testing.T) {
	if err := restock(t, nil, nil); err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "inventory.Restock")
	if span.InstrumentationScope.Name != "example.com/shop/inventory" {
		t.Fatalf("want the existing tracer's scope, got %q", span.InstrumentationScope.Name)
	}
	spantest.ChildOf(t, rec.Find(t, "repo.SetLevel"), span)
	spantest.Unset(t, span)
}

func TestRestockReadFailure(t *testing.T) {
	err := restock(t, errDB, nil)
	if !errors.Is(err, errDB) {
		t.Fatalf("want the read error wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.Restock"), "repo.Level failed", errDB)
}

func TestRestockWriteFailure(t *testing.T) {
	restock(t, nil, errDB)
	spantest.Failed(t, rec.Find(t, "inventory.Restock"), "repo.SetLevel failed", errDB)
}
