package notify

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/notify")

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, to, body string) error
}

// Notifier tells customers about their orders.
type Notifier struct {
	sender Sender
}

func NewNotifier(sender Sender) *Notifier {
	return &Notifier{sender: sender}
}

// OrderShipped tells the customer their order is on its way.
func (n *Notifier) OrderShipped(ctx context.Context, orderID, customerRef string) error {
	ctx, span := tracer.Start(ctx, "notify.OrderShipped", trace.WithAttributes(
		attribute.String("service.operation", "order_shipped"),
		attribute.String("business.entity_id", orderID),
	))

	if err := n.sender.Send(ctx, customerRef, fmt.Sprintf("Order %s has shipped.", orderID)); err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "send failed")
		return err
	}
	return nil
}
