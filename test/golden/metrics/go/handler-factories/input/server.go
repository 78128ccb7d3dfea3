package factories

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Order struct {
	ID    string `json:"id"`
	Total int    `json:"total"`
}

type server struct {
	router      *http.ServeMux
	orders      map[string]Order
	maintenance bool
}

func newServer(orders map[string]Order, maintenance bool) *server {
	s := &server{router: http.NewServeMux(), orders: orders, maintenance: maintenance}
	s.routes()
	return s
}

func (s *server) routes() {
	s.router.HandleFunc("GET /orders/{id}", s.handleOrder())
	s.router.Handle("/health", s.health())
	s.router.HandleFunc("/admin", s.handleAdmin())
}

// handleOrder's setup runs once, at registration; the function it returns serves the requests.
func (s *server) handleOrder() http.HandlerFunc {
	type response struct {
		Order Order `json:"order"`
	}
	respond := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		order, ok := s.orders[r.PathValue("id")]
		if !ok {
			http.Error(w, "order not found", http.StatusNotFound)
			return
		}
		if order.Total < 0 {
			http.Error(w, "ledger unavailable", http.StatusBadGateway)
			return
		}
		respond(w, http.StatusOK, response{Order: order})
	}
}

// health returns one of two handlers, each converted to http.HandlerFunc.
func (s *server) health() http.Handler {
	if s.maintenance {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok"))
	})
}

// handleAdmin returns a middleware chain, not a literal of its own: left for a person to instrument.
func (s *server) handleAdmin() http.HandlerFunc {
	return s.requireAdmin(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *server) requireAdmin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Admin") == "" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next(w, r)
	}
}

type Payments struct {
	balances map[string]int
}

func ListPayments(p *Payments) gin.HandlerFunc {
	return func(c *gin.Context) {
		balance, ok := p.balances[c.Query("account")]
		if !ok {
			c.JSON(http.StatusNotFound, gin.H{"error": "unknown account"})
			return
		}
		if balance < 0 {
			panic("negative balance")
		}
		c.JSON(http.StatusOK, gin.H{"balance": balance})
	}
}

func Ping() gin.HandlerFunc {
	return func(c *gin.Context) { c.Status(http.StatusNoContent) }
}

func RegisterPayments(r *gin.Engine, p *Payments) {
	r.GET("/payments", ListPayments(p))
	r.GET("/ping", Ping())
}
