import { describe, expect, it } from 'vitest';
import type { FunctionFacts } from '../facts.js';
import { goAdapter } from './adapter.js';

const IMPORTS = `import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/gofiber/fiber/v2"
	pb "example.com/gen/orders/v1"
)
`;

function functions(body: string): FunctionFacts[] {
  const text = `package orders\n\n${IMPORTS}\n${body}`;
  return goAdapter.extractFacts({
    path: 'orders/service.go',
    text,
    language: 'go',
    packageHint: 'orders',
    scopeHint: 'x',
  }).functions;
}

function fn(body: string, name: string): FunctionFacts {
  const found = functions(body).find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

describe('function identity', () => {
  it('names methods after their receiver type, without pointer or type arguments', () => {
    const [m, f] = functions(
      'func (s *Cache[K, V]) Get(key K) (V, bool) { return s.m[key] }\n\nfunc helper() {}\n',
    );
    expect(m).toMatchObject({
      name: 'Get',
      qualifiedName: 'Cache.Get',
      kind: 'method',
      owner: 'Cache',
      exported: true,
    });
    expect(f).toMatchObject({
      name: 'helper',
      qualifiedName: 'helper',
      kind: 'function',
      owner: null,
      exported: false,
    });
  });
  it('reports lines and columns of the declaration', () => {
    const f = functions('// Doc.\nfunc Process() {\n\twork()\n}\n')[0];
    const offset = IMPORTS.split('\n').length + 2;
    expect(f).toMatchObject({ line: offset + 2, column: 1, endLine: offset + 4 });
  });
});

describe('parameters', () => {
  it('gives roles by type and name, with grouped and variadic parameters', () => {
    const f = fn(
      'func Handle(ctx context.Context, w http.ResponseWriter, r *http.Request, orderID, sku string, opts ...Option) {}\n',
      'Handle',
    );
    expect(f.params).toEqual([
      { name: 'ctx', type: 'context.Context', role: 'context' },
      { name: 'w', type: 'http.ResponseWriter', role: 'response' },
      { name: 'r', type: '*http.Request', role: 'request' },
      { name: 'orderID', type: 'string', role: 'id' },
      { name: 'sku', type: 'string', role: 'id' },
      { name: 'opts', type: '...Option', role: 'other' },
    ]);
  });
  it('recognises framework contexts', () => {
    expect(fn('func A(c *gin.Context) {}\n', 'A').params[0]?.role).toBe('framework-context');
    expect(fn('func B(c echo.Context) error { return nil }\n', 'B').params[0]?.role).toBe(
      'framework-context',
    );
    expect(fn('func C(c *fiber.Ctx) error { return nil }\n', 'C').params[0]?.role).toBe('framework-context');
  });
  it('respects import aliases', () => {
    const text =
      'package p\n\nimport (\n\tstdctx "context"\n\tnethttp "net/http"\n)\n\nfunc F(c stdctx.Context, r *nethttp.Request, x context.Context) {}\n';
    const [f] = goAdapter.extractFacts({
      path: 'p.go',
      text,
      language: 'go',
      packageHint: 'p',
      scopeHint: 'p',
    }).functions;
    expect(f?.params.map((p) => p.role)).toEqual(['context', 'request', 'other']);
  });
});

describe('errors and failure exits', () => {
  it('counts non-nil error returns and panics, not nested literals or nil returns', () => {
    const f = fn(
      `func Save(ctx context.Context) (int, error) {
	if bad {
		return 0, fmt.Errorf("bad")
	}
	if worse {
		panic("worse")
	}
	go func() error { return errors.New("ignored") }()
	if n, err := s.db.ExecContext(ctx, q); err != nil {
		return 0, err
	}
	return 1, nil
}
`,
      'Save',
    );
    expect(f.returnsError).toBe(true);
    expect(f.failureExits).toBe(3);
  });
  it('does not treat a bare return with named results as a failure', () => {
    const f = fn('func F() (err error) {\n\terr = work()\n\treturn\n}\n', 'F');
    expect(f).toMatchObject({ returnsError: true, failureExits: 0 });
  });
  it('counts a returned call as a failure exit', () => {
    expect(fn('func F(ctx context.Context) error {\n\treturn s.repo.Save(ctx)\n}\n', 'F').failureExits).toBe(
      1,
    );
  });
});

describe('handlers', () => {
  const framework = (body: string, name: string) => fn(body, name).handler?.framework ?? null;
  it('recognises net/http handlers and ServeHTTP methods', () => {
    expect(framework('func Create(w http.ResponseWriter, r *http.Request) {}\n', 'Create')).toBe('net/http');
    expect(
      framework('func (h *H) ServeHTTP(w http.ResponseWriter, req *http.Request) {}\n', 'ServeHTTP'),
    ).toBe('net/http');
  });
  it('marks net/http handlers that pass every request on to another handler', () => {
    const entry = fn(
      'func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }\n',
      'ServeHTTP',
    );
    expect(entry.handler).toMatchObject({ framework: 'net/http', delegates: true });
    const middleware = fn(
      'func (m *logging) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n\tstart := time.Now()\n\tm.next.ServeHTTP(w, r)\n\tlog.Println(time.Since(start))\n}\n',
      'ServeHTTP',
    );
    expect(middleware.handler?.delegates).toBe(true);
    const endpoint = fn(
      'func (h *H) Get(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }\n',
      'Get',
    );
    expect(endpoint.handler?.delegates).toBeUndefined();
  });
  it('recognises gin, echo and fiber handlers', () => {
    expect(framework('func List(c *gin.Context) {}\n', 'List')).toBe('gin');
    expect(framework('func List(c echo.Context) error { return nil }\n', 'List')).toBe('echo');
    expect(framework('func List(c *fiber.Ctx) error { return nil }\n', 'List')).toBe('other');
  });
  it('recognises gRPC methods of a type embedding the Unimplemented server', () => {
    const body = `type server struct {
	pb.UnimplementedOrderServiceServer
	store Store
}

func (s *server) GetOrder(ctx context.Context, req *pb.GetOrderRequest) (*pb.GetOrderResponse, error) { return nil, nil }
func (s *server) Watch(req *pb.WatchRequest, stream pb.OrderService_WatchServer) error { return nil }
func (s *server) validate(ctx context.Context, req *pb.GetOrderRequest) (*pb.GetOrderResponse, error) { return nil, nil }
func (o *other) GetOrder(ctx context.Context, req *pb.GetOrderRequest) (*pb.GetOrderResponse, error) { return nil, nil }
`;
    const fns = functions(body);
    expect(fns.map((f) => [f.qualifiedName, f.handler?.framework ?? null])).toEqual([
      ['server.GetOrder', 'grpc'],
      ['server.Watch', 'grpc'],
      ['server.validate', null],
      ['other.GetOrder', null],
    ]);
  });
  it('treats a handler factory as a handler, and a middleware as none', () => {
    const body = `func (h *H) Create() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {}
}

func Logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
}

func (h *H) Routes() http.Handler {
	mux := http.NewServeMux()
	return mux
}
`;
    expect(functions(body).map((f) => [f.name, f.handler?.framework ?? null])).toEqual([
      ['Create', 'net/http'],
      ['Logging', null],
      ['Routes', null],
    ]);
  });
  it('leaves route and method to the registrations', () => {
    expect(fn('func Create(w http.ResponseWriter, r *http.Request) {}\n', 'Create').handler).toEqual({
      framework: 'net/http',
      route: null,
      method: null,
    });
  });
});

describe('I/O calls', () => {
  const io = (body: string) =>
    fn(
      `type S struct {\n\tdb *sql.DB\n\tcache *redis.Client\n\tmu sync.Mutex\n}\n\n${body}`,
      'Work',
    ).ioCalls.map((c) => `${c.callee}:${c.kind}`);
  it('classifies databases, HTTP, files, processes, caches and queues', () => {
    expect(
      io(`func (s *S) Work(ctx context.Context) error {
	s.db.QueryRowContext(ctx, q)
	tx, _ := s.db.BeginTx(ctx, nil)
	tx.Commit()
	http.Get(url)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	s.client.Do(req)
	os.ReadFile(path)
	exec.CommandContext(ctx, "git")
	s.cache.Get(ctx, key)
	s.producer.Publish(msg)
	return nil
}
`),
    ).toEqual([
      's.db.QueryRowContext:database',
      's.db.BeginTx:database',
      'tx.Commit:database',
      'http.Get:http',
      'http.NewRequestWithContext:http',
      's.client.Do:http',
      'os.ReadFile:filesystem',
      'exec.CommandContext:subprocess',
      's.cache.Get:cache',
      's.producer.Publish:queue',
    ]);
  });
  it('counts calls handed the context and calls on dependencies the receiver holds', () => {
    expect(
      io(`func (s *S) Work(ctx context.Context) error {
	validate(ctx, o)
	s.inventoryClient.Reserve(ctx, req)
	s.gateway.Charge(o)
	s.mu.Lock()
	s.logger.InfoContext(ctx, "x")
	ctx2, cancel := context.WithTimeout(ctx, d)
	fmt.Sprintf("%d", 1)
	strings.ToUpper(x)
	return nil
}
`),
    ).toEqual(['validate:dependency', 's.inventoryClient.Reserve:grpc', 's.gateway.Charge:dependency']);
  });
  it('includes work done in function literals', () => {
    expect(
      io('func (s *S) Work(ctx context.Context) {\n\tgo func() {\n\t\ts.repo.Save(ctx, o)\n\t}()\n}\n'),
    ).toEqual(['s.repo.Save:dependency']);
  });
  it('counts every call and statement', () => {
    const f = fn('func Work() {\n\ta()\n\tif x {\n\t\tb(c())\n\t}\n}\n', 'Work');
    expect(f).toMatchObject({ callCount: 3, statementCount: 3 });
  });
});

describe('trivial and excluded functions', () => {
  const trivial = (body: string, name: string) => fn(body, name).trivial;
  it('recognises stringers and marshalers', () => {
    expect(trivial('func (o Order) String() string { return fmt.Sprintf("%s", o.ID) }\n', 'String')).toBe(
      'stringer',
    );
    expect(trivial('func (e *NotFound) Error() string { return "not found" }\n', 'Error')).toBe('stringer');
    expect(
      trivial('func (o Order) MarshalJSON() ([]byte, error) { return json.Marshal(o.raw) }\n', 'MarshalJSON'),
    ).toBe('stringer');
  });
  it('recognises getters, setters, empty bodies and assign-only constructors', () => {
    expect(trivial('func (s *S) Name() string { return s.name }\n', 'Name')).toBe('getter');
    expect(trivial('func (s *S) SetName(n string) { s.name = n }\n', 'SetName')).toBe('setter');
    expect(trivial('func (s *S) Close() {\n\t// nothing to release\n}\n', 'Close')).toBe('empty');
    expect(
      trivial(
        'func NewService(db *sql.DB) *Service {\n\treturn &Service{\n\t\tdb:     db,\n\t\ttracer: otel.Tracer("x"),\n\t}\n}\n',
        'NewService',
      ),
    ).toBe('assign-only-constructor');
  });
  it('recognises pure formatting helpers', () => {
    expect(
      trivial(
        'func label(id int, name string) string {\n\tn := strings.ToUpper(name)\n\treturn fmt.Sprintf("%s-%s", n, strconv.Itoa(id))\n}\n',
        'label',
      ),
    ).toBe('pure-formatting');
  });
  it('does not call real work trivial', () => {
    expect(
      trivial('func (s *S) Name(ctx context.Context) string { return s.repo.Name(ctx) }\n', 'Name'),
    ).toBeNull();
    expect(
      trivial(
        'func NewService(ctx context.Context) (*Service, error) {\n\tdb, err := sql.Open("pg", dsn)\n\treturn &Service{db: db}, err\n}\n',
        'NewService',
      ),
    ).toBeNull();
    expect(
      trivial('func format(v int) (string, error) { return strconv.Itoa(v), nil }\n', 'format'),
    ).toBeNull();
  });
  it('excludes main, init and test-like functions', () => {
    const reasons = functions(
      'func main() {}\nfunc init() {}\nfunc TestSave(t *testing.T) {}\nfunc BenchmarkX(b *testing.B) {}\nfunc ExampleSave() {}\nfunc FuzzParse(f *testing.F) {}\nfunc Testify() {}\n',
    ).map((f) => [f.name, f.excluded !== null]);
    expect(reasons).toEqual([
      ['main', true],
      ['init', true],
      ['TestSave', true],
      ['BenchmarkX', true],
      ['ExampleSave', true],
      ['FuzzParse', true],
      ['Testify', false],
    ]);
  });
});

describe('suppressions', () => {
  it('reads the comment block above, the doc comment included', () => {
    const f = functions(
      '// Health reports liveness.\n// otelwright-ignore: OTW001 traced by the mesh\nfunc Health() {}\n',
    )[0];
    const line = IMPORTS.split('\n').length + 4;
    expect(f?.suppressions).toEqual([{ rule: 'OTW001', reason: 'traced by the mesh', line }]);
  });
  it('reads a trailing comment on the func line and block comments', () => {
    const [a, b] = functions(
      'func A() { // otelwright-ignore called once at start-up\n}\n\n/*\n otelwright-ignore: missing-span batch job\n*/\nfunc B() {}\n',
    );
    expect(a?.suppressions.map((s) => [s.rule, s.reason])).toEqual([[null, 'called once at start-up']]);
    expect(b?.suppressions.map((s) => [s.rule, s.reason])).toEqual([['missing-span', 'batch job']]);
  });
  it('stops at a blank line and keeps an empty reason for the audit to reject', () => {
    const [a, b] = functions(
      '// otelwright-ignore: OTW001 far away\n\nfunc A() {}\n\n// otelwright-ignore: OTW001\nfunc B() {}\n',
    );
    expect(a?.suppressions).toEqual([]);
    expect(b?.suppressions.map((s) => s.reason)).toEqual(['']);
  });
});
