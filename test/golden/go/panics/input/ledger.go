package ledger

import (
	"context"
	"fmt"
)

type Line struct {
	Account string
	Amount  int64
}

// Store persists journal entries.
type Store interface {
	Append(ctx context.Context, entryID string, lines []Line) error
}

// Ledger posts balanced journal entries.
type Ledger struct {
	store Store
}

func NewLedger(store Store) *Ledger {
	return &Ledger{store: store}
}

// Post appends a journal entry. Entries with fewer than two lines are a programming error.
func (l *Ledger) Post(ctx context.Context, entryID string, lines []Line) error {
	if len(lines) < 2 {
		panic("ledger: an entry needs at least two lines")
	}
	var sum int64
	for _, line := range lines {
		sum += line.Amount
	}
	if sum != 0 {
		return fmt.Errorf("entry %s does not balance by %d", entryID, sum)
	}
	if err := l.store.Append(ctx, entryID, lines); err != nil {
		return fmt.Errorf("append entry %s: %w", entryID, err)
	}
	return nil
}
