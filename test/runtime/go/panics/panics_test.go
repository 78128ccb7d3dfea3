package panics_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/panics/expected"
	input "example.com/golden/panics/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errStore = errors.New("journal full")

type store struct{ err error }

func (s store) Append(ctx context.Context, entryID string, lines []expected.Line) error {
	spantest.Dependency(ctx, "store.Append")
	return s.err
}

type inputStore struct{ err error }

func (s inputStore) Append(ctx context.Context, entryID string, lines []input.Line) error {
	return s.err
}

func post(t *testing.T, amounts []int64, err error) error {
	t.Helper()
	before := make([]input.Line, len(amounts))
	after := make([]expected.Line, len(amounts))
	for i, a := range amounts {
		before[i], after[i] = input.Line{Amount: a}, expected.Line{Amount: a}
	}
	_, caller, got := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return input.NewLedger(inputStore{err}).Post(ctx, "e-1", before) }),
		spantest.NoResult(func(ctx context.Context) error { return expected.NewLedger(store{err}).Post(ctx, "e-1", after) }))
	spantest.ChildOf(t, rec.Find(t, "ledger.Post"), caller)
	return got
}

func TestPost(t *testing.T) {
	if err := post(t, []int64{100, -100}, nil); err != nil {
		t.Fatal(err)
	}
	spantest.Unset(t, rec.Find(t, "ledger.Post"))
}

func TestPostUnbalanced(t *testing.T) {
	err := post(t, []int64{100, -90}, nil)
	spantest.Failed(t, rec.Find(t, "ledger.Post"), "entry %s does not balance by %d", err)
}

func TestPostStoreFailure(t *testing.T) {
	if err := post(t, []int64{100, -100}, errStore); !errors.Is(err, errStore) {
		t.Fatalf("want the store's error wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "ledger.Post"), "store.Append failed", errStore)
}

func recovered(f func()) (value any) {
	defer func() { value = recover() }()
	f()
	return nil
}

// The panic goes on unchanged; the span still ends, with status Error and the panic recorded once (by End).
func TestPostPanics(t *testing.T) {
	before := recovered(func() { _ = input.NewLedger(inputStore{}).Post(context.Background(), "e-1", nil) })
	rec.Reset()
	ctx, caller := spantest.Caller(context.Background())
	after := recovered(func() { _ = expected.NewLedger(store{}).Post(ctx, "e-1", nil) })
	caller.End()
	spantest.Same(t, "panic value", before, after)
	if after == nil {
		t.Fatal("want a panic")
	}
	span := rec.Find(t, "ledger.Post")
	spantest.ChildOf(t, span, rec.Find(t, "caller"))
	spantest.Panicked(t, span, "ledger: an entry needs at least two lines")
}
