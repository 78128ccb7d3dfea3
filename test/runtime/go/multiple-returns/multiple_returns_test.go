package multiplereturns_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/multiple-returns/expected"
	input "example.com/golden/multiple-returns/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errBins = errors.New("bin service unavailable")

type bins[B any] struct {
	bin       *B
	locateErr error
	takeErr   error
}

func (b bins[B]) Locate(ctx context.Context, sku string) (*B, error) {
	spantest.Dependency(ctx, "bins.Locate")
	return b.bin, b.locateErr
}

func (b bins[B]) Take(ctx context.Context, binID, sku string, qty int) error {
	spantest.Dependency(ctx, "bins.Take")
	return b.takeErr
}

type allocation struct {
	Bin string
	N   int
}

func allocate(t *testing.T, free int, locateErr, takeErr error) (allocation, error) {
	t.Helper()
	a := input.NewWarehouse(bins[input.Bin]{bin: &input.Bin{ID: "b-7", Free: free}, locateErr: locateErr, takeErr: takeErr})
	b := expected.NewWarehouse(bins[expected.Bin]{bin: &expected.Bin{ID: "b-7", Free: free}, locateErr: locateErr, takeErr: takeErr})
	got, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (allocation, error) {
			bin, n, err := a.Allocate(ctx, "sku-1", 3)
			return allocation{bin, n}, err
		},
		func(ctx context.Context) (allocation, error) {
			bin, n, err := b.Allocate(ctx, "sku-1", 3)
			return allocation{bin, n}, err
		})
	spantest.ChildOf(t, rec.Find(t, "inventory.Allocate"), caller)
	return got, err
}

func TestAllocate(t *testing.T) {
	got, err := allocate(t, 2, nil, nil)
	if err != nil || got != (allocation{"b-7", 2}) {
		t.Fatalf("want 2 from b-7, got %v, %v", got, err)
	}
	span := rec.Find(t, "inventory.Allocate")
	spantest.ChildOf(t, rec.Find(t, "bins.Take"), span)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"business.entity_id": "sku-1", "business.outcome": "success"})
}

func TestAllocateLocateFailure(t *testing.T) {
	if _, err := allocate(t, 2, errBins, nil); err != errBins {
		t.Fatalf("want the bins' error itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.Allocate"), "bins.Locate failed", errBins)
}

func TestAllocateNoCapacity(t *testing.T) {
	got, err := allocate(t, 0, nil, nil)
	if err != expected.ErrNoCapacity || got.Bin != "b-7" {
		t.Fatalf("want ErrNoCapacity with the bin, got %v, %v", got, err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.Allocate"), "no free units in bin", expected.ErrNoCapacity)
}

func TestAllocateTakeFailure(t *testing.T) {
	if _, err := allocate(t, 2, nil, errBins); !errors.Is(err, errBins) {
		t.Fatalf("want the bins' error wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "inventory.Allocate"), "bins.Take failed", errBins)
}
