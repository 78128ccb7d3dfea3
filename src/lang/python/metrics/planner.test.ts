import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditPython, planPython } from '../instrument/testing/plan-python.js';
import { planMetrics } from './testing/plan-metrics.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const options = { path: 'orders/api.py', packageName: 'orders' };
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('python metrics planner', () => {
  it('reuses the meter, instruments and helper a module already declares', () => {
    const instrumented = readFileSync(
      join(repo, 'test/golden/metrics/python/fastapi_orders/expected.py'),
      'utf8',
    );
    const input = `${instrumented}

@app.put("/orders/{order_id}")
def replace_order(order_id: str) -> dict[str, str]:
    return {"id": order_id}
`;
    const { result, text } = planMetrics(input, options);
    expect(result.planned.map((p) => p.function)).toEqual(['replace_order']);
    for (const once of [
      'get_meter(',
      'create_histogram(',
      'create_counter(',
      'def _fastapi_request_attributes',
    ])
      expect(count(text, once)).toBe(1);
    expect(text).toContain('"PUT", "/orders/{order_id}", 200, otel_result, otel_error');
    const { report } = auditPython(text, options);
    expect(report.gaps.filter((g) => g.gap_type === 'missing_metric')).toEqual([]);
  });

  it('skips, with the reason, what it cannot rewrite safely, and edits nothing for them', () => {
    const input = `from flask import Flask, Response

app = Flask(__name__)


@app.route("/stream")
def stream():
    yield "a"


@app.route("/both", methods=["GET", "POST"])
def both():
    return "ok"


@app.get("/inline")
def inline(): return "ok"


@app.get("/timed")
def timed():
    request_duration.record(1.0)
    return "ok"
`;
    const { result, text } = planMetrics(input, options);
    expect(result.planned).toEqual([]);
    expect(text).toBe(input);
    expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
      ['stream', 'a generator (streaming) handler: its duration ends when the stream does'],
      [
        'both',
        "the view serves several (or unknown) HTTP methods and the module does not import flask's `request` to read which",
      ],
      ['inline', 'the body shares a line with the `def` or a docstring'],
      ['timed', 'it records request_duration already; add the missing instrument beside it by hand'],
    ]);
  });

  it('skips Django views it cannot wrap faithfully, with the reason, and edits nothing for them', () => {
    const input = `from django.http import JsonResponse, StreamingHttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import cache_page
from rest_framework.decorators import api_view


@cache_page(60)
def catalogue(request):
    return JsonResponse({"items": []})


@api_view(["GET"])
def ping(*args, **kwargs):
    return JsonResponse({"ok": True})


def export(request):
    yield "a,b"


class Report(View):
    @method_decorator(cache_page(300))
    def get(self, request):
        return JsonResponse({})
`;
    const { result, text } = planMetrics(input, { path: 'shop/views.py', packageName: 'shop' });
    expect(result.planned).toEqual([]);
    expect(text).toBe(input);
    const cached =
      '`@cache_page` answers cached requests without running the view, so recordings in its body would count cache misses only (measure at a middleware instead)';
    expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
      ['catalogue', cached],
      ['ping', 'the view takes no positional `request` parameter to read the method and route from'],
      ['export', 'a generator (streaming) handler: its duration ends when the stream does'],
      ['Report.get', cached],
    ]);
  });

  it('says which Django decorators answer requests the recordings never see', () => {
    const input = `from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods


@login_required
@require_http_methods(["GET", "PUT"])
def profile(request):
    return JsonResponse({})
`;
    const { result, text } = planMetrics(input, { path: 'accounts/views.py', packageName: 'accounts' });
    expect(result.planned.map((p) => p.summary)).toEqual([
      "histogram shop.accounts.request.duration and counter shop.accounts.requests recorded in a finally block; request.method (bounded to the standard methods), http.route request.resolver_match.route, else profile (no registration resolved: the function name stands in, per the standards' fallback); not recorded: the requests that @login_required redirects to the login page, @require_http_methods answers 405 before the view runs",
    ]);
    expect(text).toContain('request, "profile", 200, otel_result, otel_error');
    expect(planMetrics(text, { path: 'accounts/views.py', packageName: 'accounts' }).result.edits).toEqual(
      [],
    );
  });

  it("takes a Django route from the project's urls.py and a view method's request from self when unnamed", () => {
    const views = `from django.http import HttpResponse
from django.views import View


def order_detail(request, order_id):
    return HttpResponse(status=204)


class Orders(View):
    def post(self, *args, **kwargs):
        return HttpResponse(status=201)
`;
    const urls = `from django.urls import path

from . import views

urlpatterns = [
    path("orders/<int:order_id>/", views.order_detail),
    path("orders/", views.Orders.as_view()),
]
`;
    const { result, text } = planMetrics(views, {
      path: 'orders/views.py',
      packageName: 'orders',
      files: { 'orders/urls.py': urls },
    });
    expect(result.planned.map((p) => p.function)).toEqual(['order_detail', 'Orders.post']);
    expect(text).toContain('request, "orders/<int:order_id>/", 200, otel_result, otel_error');
    // A class-based view's `as_view()` registration gives its handler methods the route too.
    expect(text).toContain('self.request, "orders/", 200, otel_result, otel_error');
    expect(count(text, 'def _django_request_attributes(')).toBe(1);
  });

  it('names clashing module names apart and keeps the file quote style', () => {
    const input = `from fastapi import FastAPI
from datetime import time

app = FastAPI()
meter = 'metres'


@app.get('/ping')
def ping():
    return {'at': str(time())}
`;
    const { result, text } = planMetrics(input, options);
    expect(result.planned.map((p) => p.function)).toEqual(['ping']);
    expect(text).toContain('import time as time_2');
    expect(text).toContain('meter_2 = metrics.get_meter(__name__)');
    expect(text).toContain('otel_started = time_2.perf_counter()');
    expect(text).toContain("'http.route': route");
    expect(text).toContain(
      "return {'at': str(time())}".replace('return ', 'return (otel_result := ').concat(')'),
    );
  });

  it('imports flask for the matched rule once, reusing an `import flask`, naming a clash apart', () => {
    const view = `

@bp.get("/<customer_id>")
def show(customer_id):
    return {"id": customer_id}
`;
    const blueprint = 'bp = Blueprint("customers", __name__, url_prefix="/customers")';
    const plain = planMetrics(`import flask\nfrom flask import Blueprint\n\n${blueprint}${view}`, options);
    expect(count(plain.text, 'import flask\n')).toBe(1);
    expect(plain.text).toContain('    if flask.has_request_context():');
    expect(plain.result.planned[0]!.summary).toContain(
      'http.route /customers/<customer_id>, the rule Flask matched (flask.request.url_rule.rule) taking precedence at run time',
    );
    const clash = planMetrics(
      `from flask import Blueprint\n\nflask = "bottle"\n${blueprint}${view}`,
      options,
    );
    expect(clash.text).toContain('import flask as flask_2\nfrom flask import Blueprint');
    expect(clash.text).toContain('matched = getattr(flask_2.request.url_rule, "rule", None)');
    // No import group at all: `import flask` opens the third-party group, before opentelemetry.
    const bare = planMetrics(`${blueprint}${view}`, options).text;
    expect(bare).toContain('import flask\nfrom opentelemetry import metrics\n');
  });

  it('does not claim the matched rule for a Flask helper an earlier version wrote', () => {
    const dir = join(repo, 'test/golden/metrics/python/flask_customers');
    const earlier = readFileSync(join(dir, 'expected.py'), 'utf8')
      .replace('import flask\n', '')
      .replace(/ {4}if flask\.has_request_context\(\):\n(?: {8}.*\n)+/, '');
    expect(earlier).not.toContain('flask.');
    const input = `${earlier}

@app.get("/tiers")
def tiers():
    return ["gold"]
`;
    const { result, text } = planMetrics(input, {
      path: 'flask_customers/module.py',
      packageName: 'customers',
    });
    expect(result.planned.map((p) => p.summary)).toEqual([
      'histogram shop.customers.request.duration and counter shop.customers.requests recorded in a finally block; GET http.route /tiers',
    ]);
    expect(text).not.toContain('import flask\n');
  });

  it('writes CRLF and tab-indented files in their own style', () => {
    const dir = join(repo, 'test/golden/metrics/python/fastapi_orders');
    const input = readFileSync(join(dir, 'input.py'), 'utf8');
    const expected = readFileSync(join(dir, 'expected.py'), 'utf8');
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const tabs = (t: string) => t.replace(/^(?: {4})+/gm, (m) => '\t'.repeat(m.length / 4));
    const golden = { path: 'fastapi_orders/module.py', packageName: 'orders' };
    expect(planMetrics(crlf(input), golden).text).toBe(crlf(expected));
    expect(planMetrics(tabs(input), golden).text).toBe(tabs(expected));
  });

  it('falls back to the function name for an unresolved route, and says so', () => {
    const input = `from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
`;
    const { result, text } = planMetrics(input, { ...options, unresolvedRoutes: true });
    expect(result.planned.map((p) => p.summary)).toEqual([
      "histogram shop.orders.request.duration and counter shop.orders.requests recorded in a finally block; GET http.route health (route not resolved: the function name stands in, per the standards' fallback)",
    ]);
    expect(text).toContain('"GET", "health", 200, otel_result, otel_error');
  });

  it('puts imports before the declarations that use them when the file has no import to follow', () => {
    const input = `#!/usr/bin/env python
# A router built elsewhere.
@router.get("/ping")
def ping():
    return "pong"
`;
    const { result, text } = planMetrics(input, options);
    expect(result.planned.map((p) => p.function)).toEqual(['ping']);
    const order = [
      '#!/usr/bin/env python',
      'import os',
      'from opentelemetry import metrics',
      'meter =',
      '@router.get',
    ];
    const at = order.map((needle) => text.indexOf(needle));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('composes with the span planner, as the pipeline runs them (spans first, then metrics)', () => {
    const input = readFileSync(join(repo, 'test/golden/metrics/python/flask_customers/input.py'), 'utf8');
    const golden = { path: 'flask_customers/module.py', packageName: 'customers' };
    const traced = planPython(input, golden).text;
    expect(traced).toContain('start_as_current_span(');
    const both = planMetrics(traced, golden).text;
    const left = auditPython(both, golden).report.gaps.map((g) => `${g.function}:${g.gap_type}`);
    expect(left.filter((g) => /missing_(span|metric)$/.test(g))).toEqual([]);
    expect(planMetrics(both, golden).result.edits).toEqual([]);
  });

  it('composes with the span planner on Django views too', () => {
    const dir = join(repo, 'test/golden/metrics/python/django_orders');
    const input = readFileSync(join(dir, 'input.py'), 'utf8');
    const golden = {
      path: 'orders/views.py',
      packageName: 'orders',
      files: { 'orders/urls.py': readFileSync(join(dir, 'urls.py'), 'utf8') },
    };
    const traced = planPython(input, golden).text;
    expect(traced).toContain('start_as_current_span(');
    const both = planMetrics(traced, golden).text;
    const left = auditPython(both, golden).report.gaps.map((g) => `${g.function}:${g.gap_type}`);
    expect(left.filter((g) => /missing_(span|metric)$/.test(g))).toEqual([]);
    expect(planMetrics(both, golden).result.edits).toEqual([]);
    expect(both).toContain('request, "orders/<int:order_id>/", 200, otel_result, otel_error');
  });
});
