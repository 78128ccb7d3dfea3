package orders

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/orders")

// ErrNotFound is returned when no order has the requested id.
var ErrNotFound = errors.New("order not found")

type Order struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// Finder loads orders.
type Finder interface {
	Find(ctx context.Context, id string) (*Order, error)
}

// API serves orders over gin.
type API struct {
	orders Finder
}

func NewAPI(orders Finder) *API {
	return &API{orders: orders}
}

// GetOrder handles GET /orders/:id.
func (a *API) GetOrder(c *gin.Context) {
	ctx, span := tracer.Start(c.Request.Context(), "orders.GetOrder", trace.WithAttributes(
		attribute.String("service.operation", "get_order"),
	))
	defer span.End()
	c.Request = c.Request.WithContext(ctx)

	order, err := a.orders.Find(c.Request.Context(), c.Param("id"))
	if errors.Is(err, ErrNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "order not found"})
		return
	}
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "could not load the order"})
		return
	}
	c.JSON(http.StatusOK, order)
}
