package shop

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Capture(c *gin.Context) {
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
