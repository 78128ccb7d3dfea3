// Shapes the golden cases do not show, one behaviour per test. Every planned output must parse.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { parse } from '../parse.js';
import { type PlanTextOptions, planText } from './testing/plan-text.js';

function instrument(text: string, options: Partial<PlanTextOptions> = {}) {
  const path = options.path ?? 'src/orders.ts';
  const { result } = planText(text, { minSeverity: 'low', packageName: 'orders', ...options, path });
  const output = applyEdits(path, text, result.edits);
  const grammar = path.endsWith('.tsx') ? 'tsx' : /\.[cm]?js$/.test(path) ? 'javascript' : 'typescript';
  expect(parse(output, grammar).rootNode.hasError, output).toBe(false);
  return { output, result };
}

const FETCH = 'const response = await fetch(url);';

describe('module references', () => {
  it('uses a namespace import of the API instead of adding one', () => {
    const { output } = instrument(
      `import * as api from '@opentelemetry/api';\n\nexport async function load(url: string) {\n  ${FETCH}\n  return response.status;\n}\n`,
    );
    expect(output).toContain("const tracer = api.trace.getTracer('orders');");
    expect(output).toContain('code: api.SpanStatusCode.ERROR');
    expect(output.match(/from '@opentelemetry\/api'/g)).toHaveLength(1);
  });

  it('adds to a destructuring require of the API', () => {
    const { output } = instrument(
      `const { context } = require('@opentelemetry/api');\n\nasync function load(url) {\n  ${FETCH}\n  return response.status;\n}\nmodule.exports = { load };\n`,
      { path: 'src/orders.js' },
    );
    expect(output).toContain("const { context, SpanStatusCode, trace } = require('@opentelemetry/api');");
  });

  it('skips a JavaScript file that shows neither ES module nor CommonJS syntax', () => {
    const { result } = instrument(`async function load(url) {\n  ${FETCH}\n  return response.status;\n}\n`, {
      path: 'src/orders.js',
      force: ['load'],
    });
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/ES module or CommonJS/);
  });

  it('declares the tracer after the header comment and directives of a file without imports', () => {
    const { output } = instrument(
      `'use client';\n// Copyright header.\n\n/** Loads it. */\nexport async function load(url: string) {\n  ${FETCH}\n  return response.status;\n}\n`,
      { path: 'src/load.tsx' },
    );
    expect(
      output.startsWith(
        "'use client';\n// Copyright header.\n\nimport { SpanStatusCode, trace } from '@opentelemetry/api';\n\nconst tracer",
      ),
    ).toBe(true);
    expect(output).toContain("getTracer('orders');\n\n/** Loads it. */\nexport async function load");
  });
});

describe('function bodies', () => {
  it('lays out a one-line function over lines', () => {
    const { output } = instrument(
      `export async function load(url: string) { ${FETCH} return response.status; }\n`,
    );
    expect(output).toContain(
      '\n    try {\n      const response = await fetch(url);\n      span.setAttribute',
    );
  });

  it('keeps a "use strict" directive first', () => {
    const { output } = instrument(
      `export async function load(url: string) {\n  'use strict';\n  ${FETCH}\n  return response.status;\n}\n`,
    );
    expect(output).toMatch(/\{\n {2}'use strict';\n {2}return tracer\.startActiveSpan/);
  });

  it('awaits a returned conditional inside parentheses', () => {
    const { output } = instrument(
      `export async function load(url: string, cached: string | null) {\n  if (!url) throw new Error('no url');\n  return cached ? cached : fetch(url).then((r) => r.text());\n}\n`,
      { standards: undefined },
    );
    expect(output).toContain('const result = await (cached ? cached : fetch(url).then((r) => r.text()));');
  });

  it('puts braces around a returning else branch and switch cases stay as they are', () => {
    const { output } = instrument(
      [
        'export async function load(url: string, kind: string) {',
        `  ${FETCH}`,
        '  switch (kind) {',
        "    case 'text':",
        '      return response.text();',
        '  }',
        '  if (response.ok) return response.status;',
        '  else return response.json();',
        '}',
        '',
      ].join('\n'),
    );
    expect(output).toContain("case 'text': {\n            const result = await response.text();");
    expect(output).toContain('} else {\n          const result = await response.json();');
    expect(output).toContain('if (response.ok) {\n          span.setAttribute');
  });
});

describe('what is skipped, with a reason', () => {
  it('a function nested in another one instrumented in the same run', () => {
    const text = `module.exports = function registerRoutes(router, db) {\n  router.get('/orders', async (req, res) => {\n    res.json(await db.query('select 1'));\n  });\n};\n`;
    const { result } = instrument(text, { path: 'src/routes.js', force: ['registerRoutes'] });
    expect(result.planned.map((p) => p.function)).toEqual(['registerRoutes']);
    expect(result.skipped).toEqual([
      expect.objectContaining({ function: 'GET /orders', reason: expect.stringMatching(/nested/) }),
    ]);
  });

  it('a parameter that hides the module tracer', () => {
    const text = `import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('x');\nexport async function load(tracer: unknown, url: string) {\n  ${FETCH}\n  return response.status;\n}\n`;
    const { result } = instrument(text);
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/hides the module's tracer/)]);
  });

  it('a file that does not parse', () => {
    const { result } = planText(
      `export async function load(url: string) {\n  ${FETCH}\n  return response.status;\n}\nconst = ;\n`,
      {
        path: 'src/a.ts',
        minSeverity: 'low',
        force: ['load'],
      },
    );
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/syntax errors/);
  });
});

it('finds functions after non-ASCII text', () => {
  const { output } = instrument(
    `// Café ☕ — prices in €\nexport async function load(url: string) {\n  ${FETCH}\n  return response.status;\n}\n`,
  );
  expect(output).toContain("'orders.load'");
});

it('binds a value built from awaited parts without awaiting the value itself', () => {
  const { output } = instrument(
    `export const load = async (url: string) => ({ status: (await fetch(url)).status, at: Date.now() });\n`,
  );
  expect(output).toContain('const result = { status: (await fetch(url)).status, at: Date.now() };');
});

describe("Express's next(err)", () => {
  const HEAD = `import type { NextFunction, Request, Response } from 'express';\n\n`;

  it('records only the calls that forward an error, and sets no success after one', () => {
    const { output } = instrument(
      `${HEAD}export async function list(req: Request, res: Response, next: NextFunction) {
  if (req.query.skip) return next('route');
  if (req.query.none) {
    next();
    return;
  }
  try {
    res.json(await fetch('/orders'));
  } catch (err) {
    next(err);
  }
  res.end();
}
`,
    );
    // Before next(err), and in the catch around the body (for what is thrown).
    expect(output.match(/recordException\(/g)).toHaveLength(2);
    expect(output).toMatch(/recordException\(err as Error\);\n.*\n\s*next\(err\);/);
    expect(output).toContain("const result = next('route');");
    // Once next(err) may have run, the end of the function is no success; the other exits are.
    expect(output.match(/'business\.outcome', 'success'/g)).toHaveLength(2);
    expect(output).toMatch(/res\.end\(\);\n\s*\} catch \(error\)/);
  });

  it('skips a handler whose error for next() spans lines, with the reason', () => {
    const { result } = instrument(
      `${HEAD}export async function save(req: Request, res: Response, next: NextFunction) {
  const response = await fetch('/orders', { method: 'POST' });
  if (!response.ok)
    return next(new Error(
      'the store refused the order',
    ));
  res.json(await response.json());
}
`,
    );
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/bind the error to a constant first/);
  });

  it('sets no outcome anywhere when next(err) runs in a loop', () => {
    const { output } = instrument(
      `${HEAD}export async function each(req: Request, res: Response, next: NextFunction) {
  for (const url of ['/a', '/b']) {
    const response = await fetch(url);
    if (response.ok) return res.json(await response.json());
    next(new Error(url));
  }
}
`,
    );
    expect(output).not.toContain('business.outcome');
    expect(output).toContain('const forwarded = new Error(url);');
    expect(output).toContain('next(forwarded);');
  });
});

describe('an existing span ended in a finally', () => {
  const header = `import { trace } from '@opentelemetry/api';\n\nconst tracer = trace.getTracer('orders');\n\n`;
  const active = (body: string) =>
    `${header}export async function load(url: string) {\n  return tracer.startActiveSpan('orders.load', { attributes: { 'service.operation': 'load' } }, async (span) => {\n${body}\n  });\n}\n`;
  const again = (output: string, path = 'src/orders.ts') => {
    const { result } = planText(output, { minSeverity: 'low', packageName: 'orders', path });
    expect(applyEdits(path, output, result.edits)).toBe(output);
    expect(result.planned).toEqual([]);
  };

  it('lays a one-line catch block out over lines, recording first', () => {
    const { output } = instrument(
      active(
        `    try {\n      ${FETCH}\n      if (!response.ok) throw new Error('status');\n      return response.status;\n    } catch (e) { throw e; } finally {\n      span.end();\n    }`,
      ),
    );
    expect(output).toContain(
      "    } catch (e) {\n      span.recordException(e as Error);\n      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.name : 'Error' });\n      throw e;\n    } finally {\n",
    );
    again(output);
  });

  it('writes no type assertion in JavaScript', () => {
    const { output } = instrument(
      `${header}export async function load(url) {\n  const span = tracer.startSpan('orders.load', { attributes: { 'service.operation': 'load' } });\n  try {\n    ${FETCH}\n    if (!response.ok) throw new Error('status');\n    return response.status;\n  } finally {\n    span.end();\n  }\n}\n`,
      { path: 'src/orders.js' },
    );
    expect(output).toContain('  } catch (err) {\n    span.recordException(err);\n');
    again(output, 'src/orders.js');
  });

  it('skips a catch that destructures the error', () => {
    const { result } = instrument(
      active(
        `    try {\n      ${FETCH}\n      return response.status;\n    } catch ({ message }) {\n      throw new Error(message);\n    } finally {\n      span.end();\n    }`,
      ),
    );
    expect(result.edits).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toContain(
      'the catch clause destructures the error; record it on the span by hand',
    );
  });

  it('skips a try/finally that does not hold all of the span’s code, rather than record after the end', () => {
    const { result } = instrument(
      active(
        `    if (!url) throw new Error('no url');\n    try {\n      ${FETCH}\n      return response.status;\n    } finally {\n      span.end();\n    }`,
      ),
    );
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/ended in a finally that does not hold all of its code/);
  });

  it('skips a span ended by a promise’s finally', () => {
    const { result } = instrument(
      active(`    if (!url) throw new Error('no url');\n    return fetch(url).finally(() => span.end());`),
    );
    expect(result.edits).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/a finally this planner cannot reach \(a promise’s/);
  });

  it('adds attributes and error recording to a startActiveSpan without options in one edit set', () => {
    const { output, result } = instrument(
      `${header}export async function load(orderId: string) {\n  return tracer.startActiveSpan('orders.load', (span) => {\n    if (!orderId) throw new Error('no id');\n    span.end();\n    return orderId;\n  });\n}\n`,
    );
    expect(result.planned[0]?.gapTypes).toEqual(['missing_error_recording', 'missing_attributes']);
    expect(output).toContain(
      "  return tracer.startActiveSpan(\n    'orders.load',\n    { attributes: { 'service.operation': 'load', 'business.entity_id': orderId } },\n    (span) => {\n      try {\n        if (!orderId) throw new Error('no id');\n        return orderId;\n      } catch (err) {\n",
    );
    again(output);
  });
});
