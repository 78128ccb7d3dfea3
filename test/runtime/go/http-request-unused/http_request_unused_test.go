package httprequestunused_test

import (
	"net/http"
	"testing"

	expected "example.com/golden/http-request-unused/expected"
	input "example.com/golden/http-request-unused/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

// The handler ignored its request; its span still takes the caller as parent from the request context.
func TestListProducts(t *testing.T) {
	skus := map[string]int{"sku-2": 1, "sku-1": 4}
	res, caller := spantest.Serve(t, rec,
		http.HandlerFunc(input.NewCatalog(skus).ListProducts),
		http.HandlerFunc(expected.NewCatalog(skus).ListProducts),
		func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, "/products", nil)
			return req
		})
	if res.Body.String() != "[\"sku-1\",\"sku-2\"]\n" {
		t.Fatalf("unexpected body %q", res.Body.String())
	}
	span := rec.Find(t, "inventory.ListProducts")
	spantest.ChildOf(t, span, caller)
	spantest.Unset(t, span)
	spantest.Attributes(t, span, map[string]string{"service.operation": "list_products"})
}
