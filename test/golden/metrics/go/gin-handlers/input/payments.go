package payments

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/otel/attribute"
)

var refundReason = attribute.Key("payments.refund_reason")

type Payment struct {
	ID     string `json:"id"`
	Amount int    `json:"amount"`
}

func Charge(c *gin.Context) {
	var p Payment
	if err := c.ShouldBindJSON(&p); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid payment"})
		return
	}
	if p.Amount > 1000 {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func Refund(c *gin.Context) {
	_ = refundReason
	if c.Query("ledger") == "down" {
		panic("refund ledger unavailable")
	}
	c.Status(http.StatusAccepted)
}

func Register(r *gin.Engine) {
	r.POST("/payments", Charge)
}
