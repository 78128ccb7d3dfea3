package shop

import (
	"fmt"
	"net/http"

	"github.com/gorilla/mux"
)

func Stock(w http.ResponseWriter, r *http.Request) {
	if mux.Vars(r)["sku"] == "discontinued" {
		w.WriteHeader(http.StatusGone)
		return
	}
	fmt.Fprint(w, "3")
}

func InventoryRoutes() *mux.Router {
	r := mux.NewRouter()
	inventory := r.PathPrefix("/inventory").Subrouter()
	v1 := inventory.PathPrefix("/v1").Subrouter()
	v1.HandleFunc("/stock/{sku}", Stock).Methods(http.MethodGet)
	return r
}
