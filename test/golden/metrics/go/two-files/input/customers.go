package accounts

import (
	"encoding/json"
	"net/http"
)

type Customer struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

var customers = map[string]Customer{"c1": {ID: "c1", Name: "Ada"}}

func GetCustomer(w http.ResponseWriter, r *http.Request) {
	c, ok := customers[r.PathValue("id")]
	if !ok {
		http.Error(w, "customer not found", http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(c)
}

func RegisterCustomers(mux *http.ServeMux) {
	mux.HandleFunc("GET /customers/{id}", GetCustomer)
}
