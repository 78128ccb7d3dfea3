package orders

import (
	"fmt"
	"strings"
)

// Money is an amount in minor units (cents) of one ISO 4217 currency. Integer minor units avoid the
// rounding surprises of floats; every order and payment in this service is expressed this way.
type Money struct {
	Minor    int64  `json:"amount_minor"`
	Currency string `json:"currency"`
}

// NewMoney returns minor units of currency, with the currency code normalised to upper case.
func NewMoney(minor int64, currency string) Money {
	return Money{Minor: minor, Currency: strings.ToUpper(currency)}
}

// Plus adds two amounts of the same currency. Callers check currencies first (see validateItems).
func (m Money) Plus(other Money) Money {
	return Money{Minor: m.Minor + other.Minor, Currency: m.Currency}
}

// Times multiplies a unit price by a quantity.
func (m Money) Times(quantity int) Money {
	return Money{Minor: m.Minor * int64(quantity), Currency: m.Currency}
}

// Equal reports whether both amount and currency match.
func (m Money) Equal(other Money) bool {
	return m.Minor == other.Minor && m.Currency == other.Currency
}

// IsPositive reports whether the amount is greater than zero.
func (m Money) IsPositive() bool {
	return m.Minor > 0
}

// String renders the amount the way receipts show it: "12.50 EUR", "-0.99 USD".
func (m Money) String() string {
	sign := ""
	minor := m.Minor
	if minor < 0 {
		sign = "-"
		minor = -minor
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, minor/100, minor%100, m.Currency)
}
