package orders

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var tracer = otel.Tracer("example.com/shop/orders")

// ErrNotFound is returned by the store when no order has the requested id.
var ErrNotFound = errors.New("order not found")

type Order struct {
	ID     string
	Status string
}

// Store loads orders.
type Store interface {
	Get(ctx context.Context, id string) (*Order, error)
}

// Server implements the orders gRPC service.
type Server struct {
	store Store
}

func NewServer(store Store) *Server {
	return &Server{store: store}
}

// GetOrder returns an order, mapping store errors to gRPC status codes.
func (s *Server) GetOrder(ctx context.Context, orderID string) (*Order, error) {
	ctx, span := tracer.Start(ctx, "orders.GetOrder", trace.WithAttributes(
		attribute.String("service.operation", "get_order"),
		attribute.String("business.entity_id", orderID),
	))
	defer span.End()

	if orderID == "" {
		err := status.Error(codes.InvalidArgument, "order id is required")
		span.RecordError(err)
		span.SetStatus(otelcodes.Error, "order id is required")
		return nil, err
	}
	order, err := s.store.Get(ctx, orderID)
	if errors.Is(err, ErrNotFound) {
		retErr := status.Error(codes.NotFound, "order not found")
		span.RecordError(retErr)
		span.SetStatus(otelcodes.Error, "order not found")
		return nil, retErr
	}
	if err != nil {
		span.RecordError(err)
		span.SetStatus(otelcodes.Error, "store.Get failed")
		return nil, status.Errorf(codes.Internal, "load order %s: %v", orderID, err)
	}
	span.SetAttributes(attribute.String("business.outcome", "success"))
	return order, nil
}
