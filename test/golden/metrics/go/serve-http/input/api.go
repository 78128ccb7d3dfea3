package api

import (
	"fmt"
	"net/http"
	"strconv"

	"example.com/goldenmetrics/serve-http/input/names"
)

type time struct{ zone string }

type Server struct {
	clock time
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "%d %s %s", n, s.clock.zone, names.Name)
}
