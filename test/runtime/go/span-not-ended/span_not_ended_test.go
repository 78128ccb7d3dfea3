package spannotended_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/span-not-ended/expected"
	input "example.com/golden/span-not-ended/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

type sender struct{ err error }

func (s sender) Send(ctx context.Context, to, body string) error {
	spantest.Dependency(ctx, "sender.Send")
	return s.err
}

func shipped(t *testing.T, err error) spantest.Stub {
	t.Helper()
	spantest.Run(t, rec,
		spantest.NoResult(func(ctx context.Context) error { return input.NewNotifier(sender{err}).OrderShipped(ctx, "o-1", "c-1") }),
		spantest.NoResult(func(ctx context.Context) error {
			return expected.NewNotifier(sender{err}).OrderShipped(ctx, "o-1", "c-1")
		}))
	return rec.Find(t, "notify.OrderShipped") // exported only once ended
}

func TestOrderShippedEndsTheSpan(t *testing.T) {
	span := shipped(t, nil)
	spantest.ChildOf(t, rec.Find(t, "sender.Send"), span)
	spantest.Unset(t, span)
}

func TestOrderShippedEndsTheSpanOnFailure(t *testing.T) {
	boom := errors.New("smtp down")
	spantest.Failed(t, shipped(t, boom), "send failed", boom)
}
