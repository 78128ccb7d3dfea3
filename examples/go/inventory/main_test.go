package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/inventory/stock"
)

func TestInventoryAPI(t *testing.T) {
	server := httptest.NewServer(newRouter(stock.NewStore(stock.Level{SKU: "lamp", OnHand: 5})))
	defer server.Close()

	steps := []struct {
		name       string
		method     string
		path       string
		body       string
		wantStatus int
		wantLevel  *stock.Level
	}{
		{name: "initial level", method: http.MethodGet, path: "/stock/lamp", wantStatus: http.StatusOK, wantLevel: &stock.Level{SKU: "lamp", OnHand: 5}},
		{name: "unknown sku", method: http.MethodGet, path: "/stock/desk", wantStatus: http.StatusNotFound},
		{name: "reserve", method: http.MethodPost, path: "/stock/lamp/reservations", body: `{"order_id":"ord_1","quantity":3}`, wantStatus: http.StatusNoContent},
		{name: "retry replaces", method: http.MethodPost, path: "/stock/lamp/reservations", body: `{"order_id":"ord_1","quantity":4}`, wantStatus: http.StatusNoContent},
		{name: "after reserve", method: http.MethodGet, path: "/stock/lamp", wantStatus: http.StatusOK, wantLevel: &stock.Level{SKU: "lamp", OnHand: 5, Reserved: 4}},
		{name: "oversell", method: http.MethodPost, path: "/stock/lamp/reservations", body: `{"order_id":"ord_2","quantity":2}`, wantStatus: http.StatusConflict},
		{name: "bad quantity", method: http.MethodPost, path: "/stock/lamp/reservations", body: `{"order_id":"ord_2","quantity":0}`, wantStatus: http.StatusUnprocessableEntity},
		{name: "missing order", method: http.MethodPost, path: "/stock/lamp/reservations", body: `{"quantity":1}`, wantStatus: http.StatusBadRequest},
		{name: "release", method: http.MethodDelete, path: "/reservations/ord_1", wantStatus: http.StatusNoContent},
		{name: "after release", method: http.MethodGet, path: "/stock/lamp", wantStatus: http.StatusOK, wantLevel: &stock.Level{SKU: "lamp", OnHand: 5}},
	}
	// The steps share one store, so they run in order.
	for _, step := range steps {
		req, err := http.NewRequest(step.method, server.URL+step.path, strings.NewReader(step.body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := server.Client().Do(req)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		var level stock.Level
		if step.wantLevel != nil {
			if err := json.NewDecoder(resp.Body).Decode(&level); err != nil {
				t.Fatalf("%s: decode: %v", step.name, err)
			}
		}
		resp.Body.Close()
		if resp.StatusCode != step.wantStatus {
			t.Fatalf("%s: status = %d, want %d", step.name, resp.StatusCode, step.wantStatus)
		}
		if step.wantLevel != nil && level != *step.wantLevel {
			t.Fatalf("%s: level = %+v, want %+v", step.name, level, *step.wantLevel)
		}
	}
}
