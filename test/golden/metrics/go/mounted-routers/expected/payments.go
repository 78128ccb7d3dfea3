package shop

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// ginMatchedRoute is the route template gin matched for the request, group prefixes included
// (c.FullPath()), or fallback when no route matched.
func ginMatchedRoute(c *gin.Context, fallback string) string {
	if route := c.FullPath(); route != "" {
		return route
	}
	return fallback
}

func Capture(c *gin.Context) {
	defer func(start time.Time) {
		status := c.Writer.Status()
		panicked := recover()
		if panicked != nil {
			// A recovering middleware answers 500, or the connection drops: a server error either way.
			status = http.StatusInternalServerError
		}
		attrs := requestMetricAttributes(c.Request.Method, ginMatchedRoute(c, "/api/v1/payments/:id/capture"), status)
		requestDuration.Record(c.Request.Context(), time.Since(start).Seconds(), attrs)
		requestCount.Add(c.Request.Context(), 1, attrs)
		if panicked != nil {
			panic(panicked) // re-raised unchanged, for the server or the middleware above
		}
	}(time.Now())
	if c.Param("id") == "declined" {
		c.AbortWithStatus(http.StatusPaymentRequired)
		return
	}
	c.Status(http.StatusAccepted)
}

func RegisterPayments(r *gin.Engine) {
	api := r.Group("/api")
	registerV1(api)
}

func registerV1(api *gin.RouterGroup) {
	v1 := api.Group("/v1")
	v1.POST("/payments/:id/capture", Capture)
}
