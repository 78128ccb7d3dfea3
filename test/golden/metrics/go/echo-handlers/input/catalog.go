package catalog

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

type Item struct {
	ID    string `json:"id"`
	Stock int    `json:"stock"`
}

var items = map[string]Item{"i1": {ID: "i1", Stock: 3}, "i0": {ID: "i0"}}

var errLedger = errors.New("ledger unavailable")

func GetItem(c echo.Context) error {
	item, ok := items[c.Param("id")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "item not found")
	}
	return c.JSON(http.StatusOK, item)
}

type Handler struct {
	reserve func(id string) error
}

// Reserve uses err itself: the named result must take another name.
func (h *Handler) Reserve(c echo.Context) error {
	if c.QueryParam("ledger") == "down" {
		return errLedger
	}
	if err := h.reserve(c.Param("id")); err != nil {
		return echo.NewHTTPError(http.StatusConflict, err.Error()).SetInternal(err)
	}
	return c.NoContent(http.StatusAccepted)
}

// Export commits the response before it fails: the client keeps the status already sent.
func Export(c echo.Context) error {
	if err := c.String(http.StatusOK, "id,stock\n"); err != nil {
		return err
	}
	if c.QueryParam("fail") != "" {
		return errors.New("export interrupted")
	}
	return nil
}

// Ping is registered elsewhere: the route comes from echo's matched template.
func Ping(c echo.Context) error {
	if c.QueryParam("panic") != "" {
		panic("ping exploded")
	}
	return c.String(http.StatusOK, "pong")
}

func Register(e *echo.Echo, h *Handler) {
	e.GET("/items/:id", GetItem)
	api := e.Group("/api")
	api.POST("/items/:id/reserve", h.Reserve)
	api.GET("/export", Export)
}
