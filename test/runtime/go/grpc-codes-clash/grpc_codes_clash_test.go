package grpccodesclash_test

import (
	"context"
	"errors"
	"testing"

	expected "example.com/golden/grpc-codes-clash/expected"
	input "example.com/golden/grpc-codes-clash/input"
	"example.com/runtime/spantest"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var rec = spantest.Install()

type store[O any] struct {
	order *O
	err   error
}

func (s store[O]) Get(ctx context.Context, id string) (*O, error) {
	spantest.Dependency(ctx, "store.Get")
	return s.order, s.err
}

func get(t *testing.T, id string, before, after error) error {
	t.Helper()
	a := input.NewServer(store[input.Order]{&input.Order{ID: "o-1"}, before})
	b := expected.NewServer(store[expected.Order]{&expected.Order{ID: "o-1"}, after})
	_, caller, err := spantest.Run(t, rec,
		func(ctx context.Context) (*input.Order, error) { return a.GetOrder(ctx, id) },
		func(ctx context.Context) (*expected.Order, error) { return b.GetOrder(ctx, id) })
	spantest.ChildOf(t, rec.Find(t, "orders.GetOrder"), caller)
	return err
}

func TestGetOrder(t *testing.T) {
	if err := get(t, "o-1", nil, nil); err != nil {
		t.Fatal(err)
	}
	span := rec.Find(t, "orders.GetOrder")
	spantest.ChildOf(t, rec.Find(t, "store.Get"), span)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"business.entity_id": "o-1", "business.outcome": "success"})
}

func TestGetOrderStatuses(t *testing.T) {
	boom := errors.New("db down")
	for _, tc := range []struct {
		id            string
		before, after error
		code          codes.Code
		message       string
	}{
		{"", nil, nil, codes.InvalidArgument, "order id is required"},
		{"o-1", input.ErrNotFound, expected.ErrNotFound, codes.NotFound, "order not found"},
		{"o-1", boom, boom, codes.Internal, "store.Get failed"},
	} {
		err := get(t, tc.id, tc.before, tc.after)
		if status.Code(err) != tc.code {
			t.Fatalf("want gRPC code %v, got %v", tc.code, status.Code(err))
		}
		recorded := err
		if tc.code == codes.Internal {
			recorded = boom // the cause, recorded before it becomes a status
		}
		spantest.Failed(t, rec.Find(t, "orders.GetOrder"), tc.message, recorded)
	}
}
