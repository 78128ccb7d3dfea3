package ginhandler_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	expected "example.com/golden/gin-handler/expected"
	input "example.com/golden/gin-handler/input"
	"example.com/runtime/spantest"
	"github.com/gin-gonic/gin"
)

var rec = spantest.Install()

type finder[O any] struct {
	order *O
	err   error
}

func (f finder[O]) Find(ctx context.Context, id string) (*O, error) {
	spantest.Dependency(ctx, "orders.Find")
	return f.order, f.err
}

func router(handler gin.HandlerFunc) http.Handler {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.GET("/orders/:id", handler)
	return r
}

func get(t *testing.T, before, after error) int {
	t.Helper()
	a := input.NewAPI(finder[input.Order]{&input.Order{ID: "o-1", Status: "paid"}, before})
	b := expected.NewAPI(finder[expected.Order]{&expected.Order{ID: "o-1", Status: "paid"}, after})
	res, caller := spantest.Serve(t, rec, router(a.GetOrder), router(b.GetOrder), func() *http.Request {
		req, _ := http.NewRequest(http.MethodGet, "/orders/o-1", nil)
		return req
	})
	span := rec.Find(t, "orders.GetOrder")
	spantest.ChildOf(t, span, caller)
	spantest.ChildOf(t, rec.Find(t, "orders.Find"), span)
	spantest.Attributes(t, span, map[string]string{"service.operation": "get_order"})
	spantest.Unset(t, span)
	return res.Code
}

func TestGetOrder(t *testing.T) {
	if code := get(t, nil, nil); code != http.StatusOK {
		t.Fatalf("want 200, got %d", code)
	}
}

func TestGetOrderNotFound(t *testing.T) {
	if code := get(t, input.ErrNotFound, expected.ErrNotFound); code != http.StatusNotFound {
		t.Fatalf("want 404, got %d", code)
	}
}

func TestGetOrderFailure(t *testing.T) {
	boom := errors.New("db down")
	if code := get(t, boom, boom); code != http.StatusInternalServerError {
		t.Fatalf("want 500, got %d", code)
	}
}
