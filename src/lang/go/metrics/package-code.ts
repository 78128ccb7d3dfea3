// The package-level Go the request metrics need, each piece written once per package and reused when
// the file or another file of its package already declares it (found by name and shape).
import { goString } from '../instrument/go-literal.js';
import type { ConstantAttribute } from './names.js';

/** Local names of the packages the generated declarations refer to. */
export interface PackageNames {
  otel: string;
  metric: string;
  attribute: string;
  os: string;
  strconv: string;
  http: string;
  /** The file's name for github.com/labstack/echo/v4 (only asked for when an echo handler is planned). */
  echo: string;
  /** The file's name for github.com/gin-gonic/gin (only asked for when a gin handler is planned). */
  gin: string;
  /** The file's name for the package's chi import (only asked for when a chi-registered handler is planned). */
  chi: string;
  /** The file's name for github.com/gorilla/mux (likewise). */
  gorillaMux: string;
}

export const HELPERS = {
  mustInstrument: /\bfunc\s+mustInstrument\s*\[/,
  envOrUnknown: /\bfunc\s+envOrUnknown\s*\(/,
  requestMetricAttributes: /\bfunc\s+requestMetricAttributes\s*\(/,
  httpMethodLabel: /\bfunc\s+httpMethodLabel\s*\(/,
  statusRecorder: /\bfunc\s*\(\s*\w+\s+\*statusRecorder\s*\)\s*statusCode\s*\(\s*\)\s*int\b/,
  echoResponseStatus:
    /\bfunc\s+echoResponseStatus\s*\(\s*\w+\s+[\p{L}_][\p{L}\p{Nd}_]*\.Context\s*,\s*\w+\s+error\s*\)\s*int\b/u,
  ginMatchedRoute: matchedRoute('ginMatchedRoute', '\\*[\\p{L}_][\\p{L}\\p{Nd}_]*\\.Context'),
  echoMatchedRoute: matchedRoute('echoMatchedRoute', '[\\p{L}_][\\p{L}\\p{Nd}_]*\\.Context'),
  chiMatchedRoute: matchedRoute('chiMatchedRoute', '\\*[\\p{L}_][\\p{L}\\p{Nd}_]*\\.Request'),
  gorillaMatchedRoute: matchedRoute('gorillaMatchedRoute', '\\*[\\p{L}_][\\p{L}\\p{Nd}_]*\\.Request'),
} as const;

/** `func name(x <param>, fallback string) string`: a matched-route reader the recording can call. */
function matchedRoute(name: string, param: string): RegExp {
  return new RegExp(
    `\\bfunc\\s+${name}\\s*\\(\\s*\\w+\\s+${param}\\s*,\\s*\\w+\\s+string\\s*\\)\\s*string\\b`,
    'u',
  );
}

export type Helper = keyof typeof HELPERS;

export function declaresHelper(text: string, helper: Helper): boolean {
  return HELPERS[helper].test(text);
}

/** The package-level name each helper declares (statusRecorder's methods come with the type). */
export const HELPER_NAMES: Record<Helper, string> = {
  mustInstrument: 'mustInstrument',
  envOrUnknown: 'envOrUnknown',
  requestMetricAttributes: 'requestMetricAttributes',
  httpMethodLabel: 'httpMethodLabel',
  statusRecorder: 'statusRecorder',
  echoResponseStatus: 'echoResponseStatus',
  ginMatchedRoute: 'ginMatchedRoute',
  echoMatchedRoute: 'echoMatchedRoute',
  chiMatchedRoute: 'chiMatchedRoute',
  gorillaMatchedRoute: 'gorillaMatchedRoute',
};

export interface InstrumentSpec {
  variable: string;
  constructor: 'Float64Histogram' | 'Int64Counter';
  name: string;
  unit: string;
  description: string;
}

/** One instrument created once, from the global MeterProvider. */
export function instrumentDeclaration(spec: InstrumentSpec, scope: string, p: PackageNames): string {
  return [
    `\t${spec.variable} = mustInstrument(${p.otel}.Meter(${goString(scope)}).${spec.constructor}(`,
    `\t\t${goString(spec.name)},`,
    `\t\t${p.metric}.WithUnit(${goString(spec.unit)}),`,
    `\t\t${p.metric}.WithDescription(${goString(spec.description)}),`,
    '\t))',
  ].join('\n');
}

/** Attributes of the deployment, read from the environment once when the package loads. */
export function resourceAttributesDeclaration(
  attributes: readonly ConstantAttribute[],
  p: PackageNames,
): string {
  const values = attributes.map(
    (a) => `\t\t${p.attribute}.String(${goString(a.key)}, envOrUnknown(${goString(a.variable)})),`,
  );
  return [
    '\t// Read once at start-up: every measurement of this process carries the same values.',
    `\trequestMetricResource = []${p.attribute}.KeyValue{`,
    ...values,
    '\t}',
  ].join('\n');
}

export function varBlock(specs: readonly string[], declaresInstruments: boolean): string {
  const comment = declaresInstruments
    ? 'HTTP server metrics, created once from the global MeterProvider.'
    : 'What every HTTP server measurement of this package carries.';
  return `\n\n// ${comment}\nvar (\n${specs.join('\n')}\n)`;
}

export function helperDeclaration(helper: Helper, p: PackageNames): string {
  switch (helper) {
    case 'mustInstrument':
      return `

// mustInstrument keeps the instrument even when its creation reports an error (the SDK still returns a
// usable one) and hands the error to the OpenTelemetry error handler instead of dropping it.
func mustInstrument[T any](instrument T, err error) T {
	if err != nil {
		${p.otel}.Handle(err)
	}
	return instrument
}`;
    case 'envOrUnknown':
      return `

// envOrUnknown reads a deployment setting for the attributes every measurement carries.
func envOrUnknown(name string) string {
	if value := ${p.os}.Getenv(name); value != "" {
		return value
	}
	return "unknown"
}`;
    case 'requestMetricAttributes':
      return `

// requestMetricAttributes are the low-cardinality attributes of one request's measurements: the route
// template (never the raw path), the status code the client received, and error.type on server errors only.
func requestMetricAttributes(method, route string, status int) ${p.metric}.MeasurementOption {
	attrs := append([]${p.attribute}.KeyValue{
		${p.attribute}.String("http.request.method", httpMethodLabel(method)),
		${p.attribute}.String("http.route", route),
		${p.attribute}.Int("http.response.status_code", status),
	}, requestMetricResource...)
	if status >= 500 {
		attrs = append(attrs, ${p.attribute}.String("error.type", ${p.strconv}.Itoa(status)))
	}
	return ${p.metric}.WithAttributes(attrs...)
}`;
    case 'httpMethodLabel':
      return `

// httpMethodLabel bounds the method attribute: a method outside the HTTP standard becomes "_OTHER".
func httpMethodLabel(method string) string {
	switch method {
	case "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE":
		return method
	}
	return "_OTHER"
}`;
    case 'statusRecorder':
      return `

// statusRecorder remembers the status code the client received, for the request metrics.
type statusRecorder struct {
	${p.http}.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = ${p.http}.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Flush keeps streaming handlers streaming through the wrapper.
func (r *statusRecorder) Flush() {
	if r.status == 0 {
		r.status = ${p.http}.StatusOK
	}
	if f, ok := r.ResponseWriter.(${p.http}.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() ${p.http}.ResponseWriter {
	return r.ResponseWriter
}

// statusCode is what the client received: net/http sends 200 when the handler writes nothing.
func (r *statusRecorder) statusCode() int {
	if r.status == 0 {
		return ${p.http}.StatusOK
	}
	return r.status
}`;
    case 'echoResponseStatus':
      return `

// echoResponseStatus is the status the client receives for a request the handler answered with err: once
// the response is committed, the status written; else the one echo's default HTTPErrorHandler writes for
// the error (an *echo.HTTPError's code, 500 for any other error); for a nil error, what the handler set.
func echoResponseStatus(c ${p.echo}.Context, err error) int {
	res := c.Response()
	if err == nil || res.Committed {
		return res.Status
	}
	he, ok := err.(*${p.echo}.HTTPError) // the default handler asserts, it does not unwrap
	if !ok {
		return ${p.http}.StatusInternalServerError
	}
	if inner, ok := he.Internal.(*${p.echo}.HTTPError); ok {
		return inner.Code
	}
	return he.Code
}`;
    case 'ginMatchedRoute':
      return `

// ginMatchedRoute is the route template gin matched for the request, group prefixes included
// (c.FullPath()), or fallback when no route matched.
func ginMatchedRoute(c *${p.gin}.Context, fallback string) string {
	if route := c.FullPath(); route != "" {
		return route
	}
	return fallback
}`;
    case 'echoMatchedRoute':
      return `

// echoMatchedRoute is the route template echo matched for the request, group prefixes included
// (c.Path()), or fallback when the context carries none (a handler called outside echo's router).
func echoMatchedRoute(c ${p.echo}.Context, fallback string) string {
	if route := c.Path(); route != "" {
		return route
	}
	return fallback
}`;
    case 'chiMatchedRoute':
      return `

// chiMatchedRoute is the route pattern chi matched for the request, Mount and Route prefixes included
// (final once the handler runs), or fallback when the request did not come through a chi router.
func chiMatchedRoute(r *${p.http}.Request, fallback string) string {
	if rctx := ${p.chi}.RouteContext(r.Context()); rctx != nil {
		if pattern := rctx.RoutePattern(); pattern != "" {
			return pattern
		}
	}
	return fallback
}`;
    case 'gorillaMatchedRoute':
      return `

// gorillaMatchedRoute is the path template of the gorilla/mux route that matched the request, subrouter
// prefixes included, or fallback when the request did not come through a mux.Router.
func gorillaMatchedRoute(r *${p.http}.Request, fallback string) string {
	if route := ${p.gorillaMux}.CurrentRoute(r); route != nil {
		if template, err := route.GetPathTemplate(); err == nil && template != "" {
			return template
		}
	}
	return fallback
}`;
  }
}
