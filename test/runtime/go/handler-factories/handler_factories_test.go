package handlerfactories_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	expected "example.com/golden/handler-factories/expected"
	input "example.com/golden/handler-factories/input"
	"example.com/runtime/spantest"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

var rec = spantest.Install()

var errDown = errors.New("catalog db down")

// store is the fake catalog, for the input's and the expected output's Product types alike.
type store[P any] struct {
	products []P
	product  *P
	err      error
}

func (s store[P]) List(ctx context.Context) ([]P, error) {
	spantest.Dependency(ctx, "store.List")
	return s.products, s.err
}

func (s store[P]) Get(ctx context.Context, id string) (*P, error) {
	spantest.Dependency(ctx, "store.Get")
	return s.product, s.err
}

func (s store[P]) Delete(ctx context.Context, id string) error {
	spantest.Dependency(ctx, "store.Delete")
	return s.err
}

func stores(err error, found bool) (store[input.Product], store[expected.Product]) {
	a := store[input.Product]{products: []input.Product{{ID: "p-1", Name: "lamp"}}, err: err}
	b := store[expected.Product]{products: []expected.Product{{ID: "p-1", Name: "lamp"}}, err: err}
	if found {
		a.product, b.product = &input.Product{ID: "p-1", Name: "lamp"}, &expected.Product{ID: "p-1", Name: "lamp"}
	}
	return a, b
}

func request(method, path string) func() *http.Request {
	return func() *http.Request {
		req, _ := http.NewRequest(method, path, nil)
		return req
	}
}

// The net/http handlers, registered through Routes: the factories run once, here.
func muxes(err error, found, lookups bool) (http.Handler, http.Handler) {
	a, b := stores(err, found)
	before, after := http.NewServeMux(), http.NewServeMux()
	input.NewServer(a).Routes(before, lookups)
	expected.NewServer(b).Routes(after, lookups)
	return before, after
}

// checkSpan: the span is the caller's child (the request's context is its parent), the dependency's parent
// (the literal hands its context on), and carries the operation.
func checkSpan(t *testing.T, name, operation, dependency string, caller spantest.Stub) spantest.Stub {
	t.Helper()
	span := rec.Find(t, name)
	spantest.ChildOf(t, span, caller)
	if dependency != "" {
		spantest.ChildOf(t, rec.Find(t, dependency), span)
	}
	spantest.Attributes(t, span, map[string]string{"service.operation": operation})
	return span
}

func TestHandleProducts(t *testing.T) {
	before, after := muxes(nil, true, true)
	res, caller := spantest.Serve(t, rec, before, after, request(http.MethodGet, "/products"))
	if res.Code != http.StatusOK {
		t.Fatalf("want 200, got %d", res.Code)
	}
	spantest.Unset(t, checkSpan(t, "catalog.handleProducts", "handle_products", "store.List", caller))
}

// A net/http handler has no error result: a failure answered with a 500 leaves the status Unset, as
// for a declared handler.
func TestHandleProductsFailure(t *testing.T) {
	before, after := muxes(errDown, true, true)
	res, caller := spantest.Serve(t, rec, before, after, request(http.MethodGet, "/products"))
	if res.Code != http.StatusInternalServerError {
		t.Fatalf("want 500, got %d", res.Code)
	}
	spantest.Unset(t, checkSpan(t, "catalog.handleProducts", "handle_products", "store.List", caller))
}

// The factory runs once; each request gets its own span, the child of that request's caller.
func TestHandleProductsSpanPerRequest(t *testing.T) {
	_, after := muxes(nil, true, true)
	rec.Reset()
	var callers []spantest.Stub
	for range 2 {
		ctx, caller := spantest.Caller(context.Background())
		after.ServeHTTP(httptest.NewRecorder(), request(http.MethodGet, "/products")().WithContext(ctx))
		caller.End()
		callers = append(callers, rec.Spans()[len(rec.Spans())-1])
	}
	var spans []spantest.Stub
	for _, s := range rec.Spans() {
		if s.Name == "catalog.handleProducts" {
			spans = append(spans, s)
		}
	}
	if len(spans) != 2 {
		t.Fatalf("want one span per request, got %d", len(spans))
	}
	for i := range spans {
		spantest.ChildOf(t, spans[i], callers[i])
	}
	if spans[0].SpanContext.SpanID() == spans[1].SpanContext.SpanID() {
		t.Fatal("both requests share one span")
	}
}

func TestProductByID(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		found bool
		code  int
	}{
		{"found", nil, true, http.StatusOK},
		{"not found", input.ErrNotFound, false, http.StatusNotFound},
		{"failure", errDown, false, http.StatusInternalServerError},
	} {
		t.Run(c.name, func(t *testing.T) {
			errIn, errOut := c.err, c.err
			if c.err == input.ErrNotFound {
				errOut = expected.ErrNotFound
			}
			a, _ := stores(errIn, c.found)
			_, b := stores(errOut, c.found)
			before, after := http.NewServeMux(), http.NewServeMux()
			input.NewServer(a).Routes(before, true)
			expected.NewServer(b).Routes(after, true)
			res, caller := spantest.Serve(t, rec, before, after, request(http.MethodGet, "/products/p-1"))
			if res.Code != c.code {
				t.Fatalf("want %d, got %d", c.code, res.Code)
			}
			spantest.Unset(t, checkSpan(t, "catalog.ProductByID", "product_by_id", "store.Get", caller))
		})
	}
}

// The other literal the factory returns (its request was `_`, now named for the span's parent).
func TestProductByIDLookupsOff(t *testing.T) {
	before, after := muxes(nil, true, false)
	res, caller := spantest.Serve(t, rec, before, after, request(http.MethodGet, "/products/p-1"))
	if res.Code != http.StatusNotFound {
		t.Fatalf("want 404, got %d", res.Code)
	}
	spantest.Unset(t, checkSpan(t, "catalog.ProductByID", "product_by_id", "", caller))
}

func ginRouter(handler gin.HandlerFunc) http.Handler {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(gin.RecoveryWithWriter(io.Discard))
	r.GET("/products/:id", handler)
	return r
}

func getProduct(t *testing.T, err error, found bool, code int) spantest.Stub {
	t.Helper()
	errOut := err
	if err == input.ErrNotFound {
		errOut = expected.ErrNotFound
	}
	a, _ := stores(err, found)
	_, b := stores(errOut, found)
	res, caller := spantest.Serve(t, rec, ginRouter(input.GetProduct(a)), ginRouter(expected.GetProduct(b)),
		request(http.MethodGet, "/products/p-1"))
	if res.Code != code {
		t.Fatalf("want %d, got %d", code, res.Code)
	}
	return checkSpan(t, "catalog.GetProduct", "get_product", "store.Get", caller)
}

func TestGetProduct(t *testing.T) {
	spantest.Unset(t, getProduct(t, nil, true, http.StatusOK))
	spantest.Unset(t, getProduct(t, input.ErrNotFound, false, http.StatusNotFound))
	spantest.Unset(t, getProduct(t, errDown, false, http.StatusInternalServerError))
}

// The literal's panic path: status Error with its message, the panic recorded once (by End); gin's
// recovery answers 500 for both versions.
func TestGetProductPanics(t *testing.T) {
	span := getProduct(t, nil, false, http.StatusInternalServerError)
	spantest.Panicked(t, span, "catalog: the store returned no product and no error")
}

func echoServer(handler echo.HandlerFunc) http.Handler {
	e := echo.New()
	e.DELETE("/products/:id", handler)
	return e
}

func deleteProduct(t *testing.T, err error, code int) spantest.Stub {
	t.Helper()
	a, b := stores(err, true)
	res, caller := spantest.Serve(t, rec, echoServer(input.DeleteProduct(a)), echoServer(expected.DeleteProduct(b)),
		request(http.MethodDelete, "/products/p-1"))
	if res.Code != code {
		t.Fatalf("want %d, got %d", code, res.Code)
	}
	return checkSpan(t, "catalog.DeleteProduct", "delete_product", "store.Delete", caller)
}

func TestDeleteProduct(t *testing.T) {
	spantest.Unset(t, deleteProduct(t, nil, http.StatusNoContent))
}

// The echo literal returns the error: recorded, status Error, and echo still answers it as before.
func TestDeleteProductFailure(t *testing.T) {
	spantest.Failed(t, deleteProduct(t, errDown, http.StatusInternalServerError), "DeleteProduct failed", errDown)
}
