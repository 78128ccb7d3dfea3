package iferrblocks_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/if-err-blocks/expected"
	input "example.com/golden/if-err-blocks/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

var errNetwork = errors.New("network down")

type provider[A any] struct {
	authErr    error
	captureErr error
}

func (p provider[A]) Authorization(ctx context.Context, id string) (*A, error) {
	spantest.Dependency(ctx, "provider.Authorization")
	return new(A), p.authErr
}

func (p provider[A]) Capture(ctx context.Context, auth *A) error {
	spantest.Dependency(ctx, "provider.Capture")
	return p.captureErr
}

// Each package has its own sentinels: the fakes hand each version its own.
func capture(t *testing.T, authErr, captureErr func(before bool) error) error {
	t.Helper()
	a := input.NewService(provider[input.Authorization]{authErr: authErr(true), captureErr: captureErr(true)})
	b := expected.NewService(provider[expected.Authorization]{authErr: authErr(false), captureErr: captureErr(false)})
	_, caller, err := spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return a.Capture(ctx, "p-1") }),
		spantest.NoResult(func(ctx context.Context) error { return b.Capture(ctx, "p-1") }))
	spantest.ChildOf(t, rec.Find(t, "payments.Capture"), caller)
	return err
}

func none(bool) error { return nil }

func fixed(err error) func(bool) error { return func(bool) error { return err } }

func TestCapture(t *testing.T) {
	if err := capture(t, none, none); err != nil {
		t.Fatal(err)
	}
	spantest.Unset(t, rec.Find(t, "payments.Capture"))
}

func TestCaptureExpired(t *testing.T) {
	expired := func(before bool) error {
		if before {
			return input.ErrExpired
		}
		return expected.ErrExpired
	}
	err := capture(t, expired, none)
	if !errors.Is(err, expected.ErrExpired) {
		t.Fatalf("want ErrExpired wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Capture"), "authorization expired", expected.ErrExpired)
}

func TestCaptureAuthorizationFailure(t *testing.T) {
	if err := capture(t, fixed(errNetwork), none); err != errNetwork {
		t.Fatalf("want the provider's error itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Capture"), "provider.Authorization failed", errNetwork)
}

func TestCaptureDeclined(t *testing.T) {
	declined := func(before bool) error {
		if before {
			return input.ErrDeclined
		}
		return expected.ErrDeclined
	}
	if err := capture(t, none, declined); err != expected.ErrDeclined {
		t.Fatalf("want ErrDeclined itself, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Capture"), "capture declined", expected.ErrDeclined)
}

func TestCaptureFailure(t *testing.T) {
	if err := capture(t, none, fixed(errNetwork)); !errors.Is(err, errNetwork) {
		t.Fatalf("want the provider's error wrapped, got %v", err)
	}
	spantest.Failed(t, rec.Find(t, "payments.Capture"), "provider.Capture failed", errNetwork)
}
