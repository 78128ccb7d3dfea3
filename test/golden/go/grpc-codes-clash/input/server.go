package orders

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

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
	if orderID == "" {
		return nil, status.Error(codes.InvalidArgument, "order id is required")
	}
	order, err := s.store.Get(ctx, orderID)
	if errors.Is(err, ErrNotFound) {
		return nil, status.Error(codes.NotFound, "order not found")
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "load order %s: %v", orderID, err)
	}
	return order, nil
}
