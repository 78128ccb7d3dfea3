package ledger

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/ledger")

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
	ctx, span := tracer.Start(ctx, "ledger.Post", trace.WithAttributes(
		attribute.String("service.operation", "post"),
		attribute.String("business.entity_id", entryID),
	))
	defer span.End()

	if len(lines) < 2 {
		span.SetStatus(codes.Error, "ledger: an entry needs at least two lines")
		panic("ledger: an entry needs at least two lines")
	}
	var sum int64
	for _, line := range lines {
		sum += line.Amount
	}
	if sum != 0 {
		err := fmt.Errorf("entry %s does not balance by %d", entryID, sum)
		span.RecordError(err)
		span.SetStatus(codes.Error, "entry %s does not balance by %d")
		return err
	}
	if err := l.store.Append(ctx, entryID, lines); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "store.Append failed")
		return fmt.Errorf("append entry %s: %w", entryID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return nil
}
