package existingspanerrorrecording_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/existing-span-error-recording/expected"
	input "example.com/golden/existing-span-error-recording/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errAcquirer = errors.New("acquirer timeout")

type repo[P any] struct {
	payment *P
	markErr error
}

func (r repo[P]) Get(ctx context.Context, id string) (*P, error) { return r.payment, nil }

func (r repo[P]) MarkCaptured(ctx context.Context, id string) error { return r.markErr }

type acquirer struct{ err error }

func (a acquirer) Capture(ctx context.Context, id string, amount int64) error { return a.err }

func capture(t *testing.T, captured bool, captureErr, markErr error) (spantest.Stub, error) {
	t.Helper()
	a := input.NewService(repo[input.Payment]{&input.Payment{ID: "p-1", Captured: captured}, markErr}, acquirer{captureErr})
	b := expected.NewService(repo[expected.Payment]{&expected.Payment{ID: "p-1", Captured: captured}, markErr}, acquirer{captureErr})
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return a.CapturePayment(ctx, "p-1") }),
		spantest.NoResult(func(ctx context.Context) error { return b.CapturePayment(ctx, "p-1") }))
	span := rec.Find(t, "payments.CapturePayment")
	spantest.ChildOf(t, span, caller)
	return span, err
}

func TestCapturePayment(t *testing.T) {
	span, err := capture(t, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	spantest.Unset(t, span)
}

func TestCapturePaymentDuplicate(t *testing.T) {
	span, err := capture(t, true, nil, nil)
	if err != expected.ErrDuplicate {
		t.Fatalf("want ErrDuplicate itself, got %v", err)
	}
	spantest.Failed(t, span, "payment already captured", expected.ErrDuplicate)
}

// The path already recorded the error: only the status is added, so the error is recorded once.
func TestCapturePaymentAcquirerFailure(t *testing.T) {
	span, err := capture(t, false, errAcquirer, nil)
	if !errors.Is(err, errAcquirer) {
		t.Fatalf("want the acquirer's error wrapped, got %v", err)
	}
	spantest.Failed(t, span, "acquirer.Capture failed", errAcquirer)
}

func TestCapturePaymentMarkFailure(t *testing.T) {
	span, _ := capture(t, false, nil, errAcquirer)
	spantest.Failed(t, span, "repo.MarkCaptured failed", errAcquirer)
}
