package httprequestusedafter_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	expected "example.com/golden/http-request-used-after/expected"
	input "example.com/golden/http-request-used-after/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

type creator[O any] struct {
	order *O
	err   error
}

func (c creator[O]) Create(ctx context.Context, customerID string, skus []string) (*O, error) {
	spantest.Dependency(ctx, "orders.Create")
	return c.order, c.err
}

func serve(t *testing.T, body string, err error) (int, spantest.Stub) {
	t.Helper()
	a := input.NewHandler(creator[input.Order]{&input.Order{ID: "o-1", CustomerID: "c-1"}, err})
	b := expected.NewHandler(creator[expected.Order]{&expected.Order{ID: "o-1", CustomerID: "c-1"}, err})
	res, caller := spantest.Serve(t, rec, http.HandlerFunc(a.CreateOrder), http.HandlerFunc(b.CreateOrder), func() *http.Request {
		req, _ := http.NewRequest(http.MethodPost, "/orders", strings.NewReader(body))
		return req
	})
	span := rec.Find(t, "orders.CreateOrder")
	spantest.ChildOf(t, span, caller)
	spantest.Attributes(t, span, map[string]string{"service.operation": "create_order"})
	spantest.Unset(t, span) // a handler reports failures in its response, not as a Go error
	return res.Code, span
}

// The request handed on carries the handler's span: what it calls is the span's child.
func TestCreateOrder(t *testing.T) {
	code, span := serve(t, `{"customer_id":"c-1","skus":["sku-1"]}`, nil)
	if code != http.StatusCreated {
		t.Fatalf("want 201, got %d", code)
	}
	spantest.ChildOf(t, rec.Find(t, "orders.Create"), span)
}

func TestCreateOrderBadBody(t *testing.T) {
	if code, _ := serve(t, `{`, nil); code != http.StatusBadRequest {
		t.Fatalf("want 400, got %d", code)
	}
}

func TestCreateOrderFailure(t *testing.T) {
	if code, _ := serve(t, `{"customer_id":"c-1"}`, errors.New("db down")); code != http.StatusInternalServerError {
		t.Fatalf("want 500, got %d", code)
	}
}
