// Package spantest runs instrumented code against the real OpenTelemetry SDK with an in-memory exporter,
// and checks the spans it produced: names, parent/child links, status, recorded errors and attributes.
package spantest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// Recorder is the SDK tracer provider installed as the global one, and what it exported.
type Recorder struct {
	Provider *sdktrace.TracerProvider
	exporter *tracetest.InMemoryExporter
}

// Install makes an SDK provider with a synchronous in-memory exporter the global tracer provider.
// Package-level tracers created earlier with otel.Tracer delegate to it from now on.
func Install() *Recorder {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	otel.SetTracerProvider(tp)
	return &Recorder{Provider: tp, exporter: exp}
}

// Reset forgets the spans exported so far.
func (r *Recorder) Reset() { r.exporter.Reset() }

// Spans are the ended spans, in the order they ended.
func (r *Recorder) Spans() tracetest.SpanStubs { return r.exporter.GetSpans() }

// Caller starts the span of the code calling the function under test; the function's span must be its child.
func Caller(ctx context.Context) (context.Context, trace.Span) {
	return otel.Tracer("spantest").Start(ctx, "caller")
}

// Dependency starts and ends a span as a dependency would (a store, a client); it must be a child of
// the function's span, which proves the function passes its own context on.
func Dependency(ctx context.Context, name string) {
	_, span := otel.Tracer("spantest").Start(ctx, name)
	span.End()
}

// Find returns the one span with the given name.
func (r *Recorder) Find(t *testing.T, name string) tracetest.SpanStub {
	t.Helper()
	var found []tracetest.SpanStub
	for _, s := range r.Spans() {
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one span %q, got %d among %v", name, len(found), r.names())
	}
	return found[0]
}

// None fails when a span with that name was exported.
func (r *Recorder) None(t *testing.T, name string) {
	t.Helper()
	for _, s := range r.Spans() {
		if s.Name == name {
			t.Fatalf("want no span %q, got one among %v", name, r.names())
		}
	}
}

func (r *Recorder) names() []string {
	var names []string
	for _, s := range r.Spans() {
		names = append(names, s.Name)
	}
	return names
}

// ChildOf fails unless child's parent is parent, in the same trace.
func ChildOf(t *testing.T, child, parent tracetest.SpanStub) {
	t.Helper()
	if child.Parent.SpanID() != parent.SpanContext.SpanID() || child.SpanContext.TraceID() != parent.SpanContext.TraceID() {
		t.Fatalf("span %q is not a child of %q", child.Name, parent.Name)
	}
}

// Unset fails unless the span's status is Unset (a success) and it recorded no error.
func Unset(t *testing.T, span tracetest.SpanStub) {
	t.Helper()
	if span.Status.Code != codes.Unset {
		t.Fatalf("span %q: want status Unset on success, got %v %q", span.Name, span.Status.Code, span.Status.Description)
	}
	if n := len(exceptions(span)); n != 0 {
		t.Fatalf("span %q: want no recorded error on success, got %d", span.Name, n)
	}
}

// Failed fails unless the span has status Error with the given constant message and recorded exactly
// one error, whose message is err's.
func Failed(t *testing.T, span tracetest.SpanStub, message string, err error) {
	t.Helper()
	if span.Status.Code != codes.Error || span.Status.Description != message {
		t.Fatalf("span %q: want status Error %q, got %v %q", span.Name, message, span.Status.Code, span.Status.Description)
	}
	events := exceptions(span)
	if len(events) != 1 {
		t.Fatalf("span %q: want exactly one recorded error, got %d", span.Name, len(events))
	}
	if got := value(events[0].Attributes, "exception.message"); got != err.Error() {
		t.Fatalf("span %q: recorded error %q, want %q", span.Name, got, err.Error())
	}
}

// Panicked fails unless the span has status Error with the message and one exception event (the
// SDK's End records the panic).
func Panicked(t *testing.T, span tracetest.SpanStub, message string) {
	t.Helper()
	if span.Status.Code != codes.Error || span.Status.Description != message {
		t.Fatalf("span %q: want status Error %q, got %v %q", span.Name, message, span.Status.Code, span.Status.Description)
	}
	if n := len(exceptions(span)); n != 1 {
		t.Fatalf("span %q: want the panic recorded once, got %d exception events", span.Name, n)
	}
}

func exceptions(span tracetest.SpanStub) []sdktrace.Event {
	var out []sdktrace.Event
	for _, e := range span.Events {
		if e.Name == "exception" {
			out = append(out, e)
		}
	}
	return out
}

func value(attrs []attribute.KeyValue, key string) string {
	for _, a := range attrs {
		if string(a.Key) == key {
			return a.Value.String()
		}
	}
	return ""
}

// Attributes fails unless the span carries each key with the given value (as emitted).
func Attributes(t *testing.T, span tracetest.SpanStub, want map[string]string) {
	t.Helper()
	for key, v := range want {
		if got, ok := lookup(span.Attributes, key); !ok || got != v {
			t.Fatalf("span %q: attribute %s = %q (present %v), want %q", span.Name, key, got, ok, v)
		}
	}
}

// Absent fails when the span carries any of the keys, or any attribute whose value is one of values
// (PII that must not reach telemetry under any key).
func Absent(t *testing.T, span tracetest.SpanStub, keys []string, values []string) {
	t.Helper()
	for _, a := range span.Attributes {
		for _, k := range keys {
			if string(a.Key) == k {
				t.Fatalf("span %q: must not carry attribute %s", span.Name, k)
			}
		}
		for _, v := range values {
			if a.Value.String() == v {
				t.Fatalf("span %q: attribute %s carries the value %q, which must not reach telemetry", span.Name, a.Key, v)
			}
		}
	}
}

func lookup(attrs []attribute.KeyValue, key string) (string, bool) {
	for _, a := range attrs {
		if string(a.Key) == key {
			return a.Value.String(), true
		}
	}
	return "", false
}

// Same fails unless the uninstrumented and instrumented results print the same (their types live in
// different packages of the same name, so %#v compares them field by field).
func Same(t *testing.T, what string, original, instrumented any) {
	t.Helper()
	a, b := fmt.Sprintf("%#v", original), fmt.Sprintf("%#v", instrumented)
	if a != b {
		t.Fatalf("%s changed by instrumentation:\n  before: %s\n  after:  %s", what, a, b)
	}
}

// SameError fails unless both errors are nil, or both are non-nil with the same message.
func SameError(t *testing.T, original, instrumented error) {
	t.Helper()
	if (original == nil) != (instrumented == nil) || (original != nil && original.Error() != instrumented.Error()) {
		t.Fatalf("error changed by instrumentation: before %v, after %v", original, instrumented)
	}
}

// Run calls the uninstrumented and the instrumented version of one operation with the same inputs
// (fresh fakes each) and checks they return the same. The instrumented one runs under a caller span.
// It returns what the instrumented one returned and the caller's span, for the span checks.
func Run[T, U any](t *testing.T, r *Recorder, original func(context.Context) (T, error), instrumented func(context.Context) (U, error)) (U, tracetest.SpanStub, error) {
	t.Helper()
	r.Reset()
	before, beforeErr := original(context.Background())
	r.Reset()
	ctx, caller := Caller(context.Background())
	after, afterErr := instrumented(ctx)
	caller.End()
	Same(t, "result", before, after)
	SameError(t, beforeErr, afterErr)
	return after, r.Find(t, "caller"), afterErr
}

// NoResult adapts an error-only operation to Run.
func NoResult(f func(context.Context) error) func(context.Context) (struct{}, error) {
	return func(ctx context.Context) (struct{}, error) { return struct{}{}, f(ctx) }
}

// Serve sends the same request to the uninstrumented and the instrumented handler and checks both answer
// the same. The instrumented one is called with the caller's span in the request context.
func Serve(t *testing.T, r *Recorder, original, instrumented http.Handler, newRequest func() *http.Request) (*httptest.ResponseRecorder, tracetest.SpanStub) {
	t.Helper()
	r.Reset()
	before := httptest.NewRecorder()
	original.ServeHTTP(before, newRequest())
	r.Reset()
	ctx, caller := Caller(context.Background())
	after := httptest.NewRecorder()
	instrumented.ServeHTTP(after, newRequest().WithContext(ctx))
	caller.End()
	Same(t, "status", before.Code, after.Code)
	Same(t, "body", before.Body.String(), after.Body.String())
	Same(t, "headers", before.Header(), after.Header())
	return after, r.Find(t, "caller")
}

// Stub is one exported span.
type Stub = tracetest.SpanStub
