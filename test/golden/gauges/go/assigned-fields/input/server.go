package server

import (
	"database/sql"
	"fmt"
)

type Server struct {
	db      *sql.DB
	jobs    chan string
	pending map[string]int
}

// NewServer opens the database and makes the queues.
func NewServer(dsn string) (*Server, error) {
	s := &Server{}
	var err error
	s.db, err = sql.Open("golden", dsn)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	s.jobs = make(chan string, 16)
	s.pending = map[string]int{}
	return s, nil
}

func (s *Server) Submit(id string) {
	s.pending[id]++
	s.jobs <- id
}
