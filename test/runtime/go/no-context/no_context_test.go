package nocontext_test

import (
	"os"
	"path/filepath"
	"testing"

	expected "example.com/golden/no-context/expected"
	input "example.com/golden/no-context/input"
	"example.com/runtime/spantest"
)

var rec = spantest.Install()

// A function with no context is left alone (an orphan root span would be worse): no span, same results.
func TestLoadPriceListUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prices.csv")
	if err := os.WriteFile(path, []byte("sku-1,250\nsku-2,990\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, beforeErr := input.LoadPriceList(path)
	after, afterErr := expected.LoadPriceList(path)
	spantest.Same(t, "prices", before, after)
	spantest.SameError(t, beforeErr, afterErr)
	if len(rec.Spans()) != 0 {
		t.Fatalf("want no span, got %d", len(rec.Spans()))
	}
}
