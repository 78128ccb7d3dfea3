// Package stock keeps warehouse stock levels and reservations. HTTP server spans and metrics come from
// otelhttp wrapping the whole mux (see main.go); the business logic here has no spans of its own yet.
package stock

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Errors the HTTP layer maps to status codes.
var (
	ErrUnknownSKU        = errors.New("unknown sku")
	ErrInsufficientStock = errors.New("insufficient stock")
)

// Level is the stock of one SKU: on hand, and how much of that is already promised to open orders.
type Level struct {
	SKU      string `json:"sku"`
	OnHand   int    `json:"on_hand"`
	Reserved int    `json:"reserved"`
}

// Available is what can still be reserved.
func (l Level) Available() int {
	return l.OnHand - l.Reserved
}

// Store keeps stock levels and reservations. Reservations are keyed by order so that retries of the
// same reservation do not hold stock twice.
type Store struct {
	mu           sync.Mutex
	levels       map[string]*Level
	reservations map[string]map[string]int // order id → sku → quantity
}

// NewStore returns a store seeded with the given levels.
func NewStore(levels ...Level) *Store {
	s := &Store{levels: make(map[string]*Level), reservations: make(map[string]map[string]int)}
	for _, l := range levels {
		level := l
		s.levels[l.SKU] = &level
	}
	return s
}

// Level returns the current stock of sku.
func (s *Store) Level(ctx context.Context, sku string) (Level, error) {
	if err := ctx.Err(); err != nil {
		return Level{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	level, ok := s.levels[sku]
	if !ok {
		return Level{}, fmt.Errorf("%w: %s", ErrUnknownSKU, sku)
	}
	return *level, nil
}

// Reserve holds quantity units of sku for an order. Reserving again for the same order replaces the
// previous quantity instead of adding to it.
func (s *Store) Reserve(ctx context.Context, orderID, sku string, quantity int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if quantity <= 0 {
		return fmt.Errorf("reserve %s: quantity must be positive, got %d", sku, quantity)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	level, ok := s.levels[sku]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownSKU, sku)
	}
	held := s.reservations[orderID][sku]
	if level.Available()+held < quantity {
		return fmt.Errorf("reserve %d of %s: %w (%d available)", quantity, sku, ErrInsufficientStock, level.Available()+held)
	}
	if s.reservations[orderID] == nil {
		s.reservations[orderID] = make(map[string]int)
	}
	s.reservations[orderID][sku] = quantity
	level.Reserved += quantity - held
	return nil
}

// Release returns every unit held for an order to available stock.
func (s *Store) Release(ctx context.Context, orderID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for sku, quantity := range s.reservations[orderID] {
		if level, ok := s.levels[sku]; ok {
			level.Reserved -= quantity
		}
	}
	delete(s.reservations, orderID)
	return nil
}
