import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { defaultStandards } from '../../../standards/defaults.js';
import { typescriptMetricsPlanner } from './planner.js';
import { metricsRequestFor, planMetricsText } from './testing/plan-metrics-text.js';

const path = 'src/routes.js';
const plan = (text: string, options: Partial<Parameters<typeof planMetricsText>[1]> = {}) => {
  const { result } = planMetricsText(text, { path, packageName: 'shop', ...options });
  return { result, output: applyEdits(path, text, result.edits) };
};

describe('typescriptMetricsPlanner', () => {
  it('picks fresh names when the handler already uses the preferred ones', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/a', (req, res) => {
  const requestStart = Date.now();
  const status = 'ok';
  res.json({ requestStart, status });
});
`;
    const { output } = plan(text);
    expect(output).toContain('const otelRequestStart = performance.now();');
    expect(output).toContain('const responseStatus = res.statusCode;');
    expect(output).toContain('(performance.now() - otelRequestStart) / 1000');
  });

  it("follows the file's quotes and semicolons", () => {
    const text = `import express from "express"
const router = express.Router()
router.post("/b", async (req, res) => {
  res.status(202).json({})
})
`;
    const { output } = plan(text);
    expect(output).toContain('import { metrics } from "@opentelemetry/api"\n');
    expect(output).toContain(`"http.route": "/b",`);
    expect(output).toContain('res.once("finish", () => recordRequest(true))\n');
    expect(output).not.toMatch(/;\n/);
  });

  it('names instruments by the standards template and reports required attributes it has no value for', () => {
    const standards = defaultStandards();
    standards.metrics.name_template = '{subsystem}_{metric}';
    standards.metrics.required_attributes = ['service.version', 'team'];
    standards.service.version_variable = 'APP-VERSION';
    const text = `import express from 'express';
const router = express.Router();
router.get('/c', (req, res) => {
  res.json({});
});
`;
    const { result, output } = plan(text, { standards });
    expect(output).toContain("meter.createHistogram('shop_request.duration', {");
    expect(output).toContain("meter.createCounter('shop_requests', {");
    expect(output).toContain("'service.version': process.env['APP-VERSION'] ?? 'unknown',\n};");
    expect(output).not.toContain('DEPLOYMENT_ENVIRONMENT');
    expect(result.planned[0]?.summary).toContain('no value source for team');
  });

  it('falls back to the function name for http.route when no registration gives the route, and says so', () => {
    const text = `import express from 'express';
const router = express.Router();
export function showCart(req, res) {
  res.json({});
}
router.get('/carts/:id', showCart);
`;
    const request = metricsRequestFor(text, { path, packageName: 'shop' });
    const target = request.targets[0];
    expect(target?.fn.handler).not.toBeNull();
    if (!target?.fn.handler) return;
    target.fn = { ...target.fn, handler: { ...target.fn.handler, route: null, method: null } };
    const result = typescriptMetricsPlanner.plan(request);
    const output = applyEdits(path, text, result.edits);
    expect(output).toContain("'http.route': 'showCart',");
    expect(output).toContain("'http.request.method': req.method,");
    expect(result.planned[0]?.summary).toContain('http.route is the function name showCart');
  });

  it('declares the instruments once for several handlers and never inside a handler', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/d', (req, res) => res.json({}));
router.put('/d/:id', async (req, res) => {
  res.sendStatus(204);
});
`;
    const { result, output } = plan(text);
    expect(result.planned).toHaveLength(2);
    expect(output.match(/createHistogram\(/g)).toHaveLength(1);
    expect(output.match(/createCounter\(/g)).toHaveLength(1);
    expect(output.match(/getMeter\(/g)).toHaveLength(1);
    expect(output.indexOf('createCounter')).toBeLessThan(output.indexOf("router.get('/d'"));
  });

  it('skips files with syntax errors', () => {
    const text = `import express from 'express';
const router = express.Router();
router.get('/e', (req, res) => {
  res.json({ a: });
});
`;
    const { result } = plan(text);
    expect(result.edits).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['the file has syntax errors; fix them first']);
  });

  it('plans a Fastify handler nested in another planned one on the next run, not in this one', () => {
    const text = `import Fastify from 'fastify';
const app = Fastify();
app.get('/outer', async (request, reply) => {
  app.get('/inner', async (req, res) => {
    return 1;
  });
  return 2;
});
`;
    const { result, output } = plan(text);
    expect(result.planned.map((p) => p.function)).toEqual(['GET /outer']);
    expect(result.skipped.map((s) => [s.function, s.reason])).toEqual([
      ['GET /inner', 'it is nested in a handler planned in this run; run instrument again'],
    ]);
    const again = plan(output);
    expect(again.result.planned.map((p) => p.function)).toEqual(['GET /inner']);
  });

  it('reuses the meter, instruments and attributes it declared before when a handler is added later', () => {
    const first = plan(`import express from 'express';
const router = express.Router();
router.get('/f', (req, res) => {
  res.json({});
});
`).output;
    const later = `${first}
router.delete('/f/:id', (req, res) => {
  res.sendStatus(204);
});
`;
    const { result, output } = plan(later);
    expect(result.planned.map((p) => p.function)).toEqual(['DELETE /f/:id']);
    expect(result.planned[0]?.summary).toContain('reuses requestDuration, reuses requestCount');
    expect(output.match(/getMeter\(|createHistogram\(|createCounter\(|const metricAttributes/g)).toHaveLength(
      4,
    );
    expect(output).toContain("'http.route': '/f/:id',");
  });
});
