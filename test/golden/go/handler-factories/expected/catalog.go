package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("example.com/shop/catalog")

// ErrNotFound is returned when no product has the requested id.
var ErrNotFound = errors.New("product not found")

type Product struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Store keeps the catalog.
type Store interface {
	List(ctx context.Context) ([]Product, error)
	Get(ctx context.Context, id string) (*Product, error)
	Delete(ctx context.Context, id string) error
}

// Server serves the catalog over net/http.
type Server struct {
	store Store
}

func NewServer(store Store) *Server {
	return &Server{store: store}
}

// Routes registers the catalog's net/http handlers.
func (s *Server) Routes(mux *http.ServeMux, lookups bool) {
	mux.Handle("GET /products", s.handleProducts())
	mux.Handle("GET /products/{id}", ProductByID(s.store, lookups))
}

// handleProducts serves GET /products. The response type is set up once, when the route is registered.
func (s *Server) handleProducts() http.HandlerFunc {
	type response struct {
		Products []Product `json:"products"`
	}
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, span := tracer.Start(r.Context(), "catalog.handleProducts", trace.WithAttributes(
			attribute.String("service.operation", "handle_products"),
		))
		defer span.End()
		r = r.WithContext(ctx)

		products, err := s.store.List(r.Context())
		if err != nil {
			http.Error(w, "could not list the products", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(response{Products: products})
	}
}

// ProductByID serves GET /products/{id}, or a fixed 404 while lookups are switched off.
func ProductByID(store Store, lookups bool) http.Handler {
	if !lookups {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, span := tracer.Start(r.Context(), "catalog.ProductByID", trace.WithAttributes(
				attribute.String("service.operation", "product_by_id"),
			))
			defer span.End()

			http.Error(w, "lookups are switched off", http.StatusNotFound)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, span := tracer.Start(r.Context(), "catalog.ProductByID", trace.WithAttributes(
			attribute.String("service.operation", "product_by_id"),
		))
		defer span.End()
		r = r.WithContext(ctx)

		product, err := store.Get(r.Context(), r.PathValue("id"))
		if errors.Is(err, ErrNotFound) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, "could not load the product", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(product)
	})
}

// GetProduct serves GET /products/:id over gin.
func GetProduct(store Store) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, span := tracer.Start(c.Request.Context(), "catalog.GetProduct", trace.WithAttributes(
			attribute.String("service.operation", "get_product"),
		))
		defer span.End()
		c.Request = c.Request.WithContext(ctx)

		product, err := store.Get(c.Request.Context(), c.Param("id"))
		if errors.Is(err, ErrNotFound) {
			c.JSON(http.StatusNotFound, gin.H{"error": "product not found"})
			return
		}
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": "could not load the product"})
			return
		}
		if product == nil {
			span.SetStatus(codes.Error, "catalog: the store returned no product and no error")
			panic("catalog: the store returned no product and no error")
		}
		c.JSON(http.StatusOK, product)
	}
}

// DeleteProduct serves DELETE /products/:id over echo.
func DeleteProduct(store Store) echo.HandlerFunc {
	return func(c echo.Context) (retErr error) {
		ctx, span := tracer.Start(c.Request().Context(), "catalog.DeleteProduct", trace.WithAttributes(
			attribute.String("service.operation", "delete_product"),
		))
		defer span.End()
		defer func() {
			if retErr != nil {
				span.RecordError(retErr)
				span.SetStatus(codes.Error, "DeleteProduct failed")
			}
		}()
		c.SetRequest(c.Request().WithContext(ctx))

		if err := store.Delete(c.Request().Context(), c.Param("id")); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
