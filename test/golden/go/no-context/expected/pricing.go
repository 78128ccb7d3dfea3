package pricing

import (
	"errors"
	"os"
	"strconv"
	"strings"
)

// LoadPriceList reads "sku,cents" lines from a file. It takes no context, so it cannot be given a span
// that joins the caller's trace.
func LoadPriceList(path string) (map[string]int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	prices := map[string]int64{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sku, cents, ok := strings.Cut(line, ",")
		if !ok {
			return nil, errors.New("price list line without a comma")
		}
		value, err := strconv.ParseInt(cents, 10, 64)
		if err != nil {
			return nil, err
		}
		prices[sku] = value
	}
	return prices, nil
}
