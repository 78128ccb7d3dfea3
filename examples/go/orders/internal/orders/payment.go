package orders

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// ChargeRequest asks the payment provider to capture an amount for an order. The idempotency key
// makes retries safe: the provider charges at most once per key.
type ChargeRequest struct {
	OrderID        string `json:"order_id"`
	CustomerID     string `json:"customer_id"`
	Amount         Money  `json:"amount"`
	IdempotencyKey string `json:"idempotency_key"`
}

// Receipt is the provider's confirmation of a successful charge.
type Receipt struct {
	Reference string    `json:"reference"`
	ChargedAt time.Time `json:"charged_at"`
}

// PaymentGateway charges and refunds customers through an external payment provider.
type PaymentGateway interface {
	Charge(ctx context.Context, req ChargeRequest) (Receipt, error)
	Refund(ctx context.Context, reference string, amount Money) error
}

// HTTPPaymentGateway talks to the provider's REST API.
type HTTPPaymentGateway struct {
	baseURL string
	apiKey  string
	client  *http.Client
}

// NewHTTPPaymentGateway returns a gateway for the provider at baseURL.
func NewHTTPPaymentGateway(baseURL, apiKey string, client *http.Client) *HTTPPaymentGateway {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &HTTPPaymentGateway{baseURL: baseURL, apiKey: apiKey, client: client}
}

// Charge captures the amount. A 402 from the provider means the card was declined and is reported as
// ErrPaymentDeclined so callers can tell it apart from an outage.
func (g *HTTPPaymentGateway) Charge(ctx context.Context, req ChargeRequest) (Receipt, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return Receipt{}, fmt.Errorf("encode charge: %w", err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, g.baseURL+"/v1/charges", bytes.NewReader(body))
	if err != nil {
		return Receipt{}, fmt.Errorf("build charge request: %w", err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Authorization", "Bearer "+g.apiKey)
	httpReq.Header.Set("Idempotency-Key", req.IdempotencyKey)

	resp, err := g.client.Do(httpReq)
	if err != nil {
		return Receipt{}, fmt.Errorf("charge order %s: %w", req.OrderID, err)
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusPaymentRequired:
		return Receipt{}, fmt.Errorf("charge order %s: %w", req.OrderID, ErrPaymentDeclined)
	case resp.StatusCode >= 300:
		detail, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return Receipt{}, fmt.Errorf("charge order %s: provider returned %d: %s", req.OrderID, resp.StatusCode, detail)
	}

	var receipt Receipt
	if err := json.NewDecoder(resp.Body).Decode(&receipt); err != nil {
		return Receipt{}, fmt.Errorf("decode charge receipt: %w", err)
	}
	return receipt, nil
}

// Refund returns a previously captured amount to the customer.
func (g *HTTPPaymentGateway) Refund(ctx context.Context, reference string, amount Money) error {
	body, err := json.Marshal(map[string]any{"reference": reference, "amount": amount})
	if err != nil {
		return fmt.Errorf("encode refund: %w", err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, g.baseURL+"/v1/refunds", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build refund request: %w", err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Authorization", "Bearer "+g.apiKey)

	resp, err := g.client.Do(httpReq)
	if err != nil {
		return fmt.Errorf("refund %s: %w", reference, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("refund %s: provider returned %d", reference, resp.StatusCode)
	}
	return nil
}
