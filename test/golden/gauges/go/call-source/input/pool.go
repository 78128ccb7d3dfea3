package pool

// Stat is a snapshot of the pool, like pgxpool.Stat.
type Stat struct{ acquired int32 }

// AcquiredConns is the number of connections handed out.
func (s *Stat) AcquiredConns() int32 { return s.acquired }

// Pool hands out connections.
type Pool struct{ acquired int32 }

func newPool() *Pool { return &Pool{} }

// Stat reads the pool's state.
func (p *Pool) Stat() *Stat { return &Stat{acquired: p.acquired} }

// Acquire takes a connection.
func (p *Pool) Acquire() { p.acquired++ }

// Release gives one back.
func (p *Pool) Release() { p.acquired-- }

// Store reads through the pool.
type Store struct{ pool *Pool }

// NewStore builds the store and its pool.
func NewStore() *Store {
	pool := newPool()
	return &Store{pool: pool}
}
