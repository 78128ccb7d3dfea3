import { describe, expect, it } from 'vitest';
import { defaultStandards } from '../../../standards/defaults.js';
import { planPython } from './testing/plan-python.js';

const plan = (text: string, force?: string[]) => planPython(text, { packageName: 'svc', force });
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('python planner: layout', () => {
  it('writes CRLF files with CRLF and tab-indented files with tabs', () => {
    const text = lines(
      'import os',
      '',
      '',
      'def load(path):',
      '\twith open(path) as f:',
      '\t\treturn f.read()',
    ).replace(/\n/g, '\r\n');
    const { text: out } = plan(text);
    expect(out).toContain(
      '@tracer.start_as_current_span("svc.load")\r\ndef load(path):\r\n\tspan = trace.get_current_span()\r\n',
    );
    expect(out).toContain(
      '\t\tresult = f.read()\r\n\t\tspan.set_attribute("business.outcome", "success")\r\n\t\treturn result',
    );
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds the import and tracer to a module without imports, after its docstring', () => {
    const { text: out } = plan(lines('"""Jobs."""', '', '', 'def run(job_id):', '    open(job_id).close()'));
    expect(out).toBe(
      lines(
        '"""Jobs."""',
        '',
        'from opentelemetry import trace',
        '',
        'tracer = trace.get_tracer(__name__)',
        '',
        '',
        '@tracer.start_as_current_span("svc.run")',
        'def run(job_id):',
        '    span = trace.get_current_span()',
        '    span.set_attribute("service.operation", "run")',
        '    span.set_attribute("business.entity_id", str(job_id))',
        '    open(job_id).close()',
        '    span.set_attribute("business.outcome", "success")',
      ),
    );
  });

  it('opens one-line suites before adding lines to them', () => {
    const { text: out } = plan(
      lines(
        'import os',
        '',
        '',
        'def size(path: str) -> int:',
        '    if not path: return 0',
        '    return os.stat(path).st_size',
      ),
    );
    expect(out).toContain(
      lines(
        '    if not path:',
        '        span.set_attribute("business.outcome", "success")',
        '        return 0',
      ),
    );
    expect(out).toContain(
      lines(
        '    result: int = os.stat(path).st_size',
        '    span.set_attribute("business.outcome", "success")',
        '    return result',
      ),
    );
  });

  it('annotates a hoisted result once and reuses its name', () => {
    const { text: out } = plan(
      lines(
        'import os',
        '',
        '',
        'def read(path: str, raw: bool) -> str:',
        '    if raw:',
        '        return open(path).read()',
        '    return open(path).read().strip()',
      ),
    );
    expect(out).toContain('        result: str = open(path).read()');
    expect(out).toContain('    result = open(path).read().strip()');
  });

  it('picks names the function does not use', () => {
    const { text: out } = plan(
      lines('import os', '', '', 'def read(path, span=None, result=None):', '    return open(path).read()'),
    );
    expect(out).toContain('    current_span = trace.get_current_span()');
    expect(out).toContain('    return_value = open(path).read()');
  });
});

describe('python planner: what it refuses', () => {
  const reasons = (text: string, force?: string[]) => plan(text, force).result.skipped.map((s) => s.reason);

  it('skips functions that inspect their stack, and a tracer shadowed by a class attribute', () => {
    expect(
      reasons(
        lines(
          'import sys',
          '',
          '',
          'def who(path):',
          '    open(path)',
          '    return sys._getframe(1).f_code.co_name',
        ),
      )[0],
    ).toMatch(/call stack/);
    expect(
      reasons(
        lines(
          'import os',
          '',
          '',
          'class Jobs:',
          '    tracer = None',
          '',
          '    def run(self, path):',
          '        return os.stat(path)',
        ),
      )[0],
    ).toMatch(/class body binds `tracer`/);
  });

  it('leaves a function whose return shares a line with another statement untouched', () => {
    const { result, text } = plan(
      lines('import os', '', '', 'def stat(path):', '    os.stat(path); return 1'),
    );
    expect(result.skipped[0]?.reason).toMatch(/same line/);
    expect(result.edits).toEqual([]);
    expect(text).not.toContain('opentelemetry');
  });

  it('uses an existing tracer only when it is defined above the function', () => {
    const text = lines(
      'import os',
      '',
      'from opentelemetry import trace',
      '',
      '',
      'def stat(path):',
      '    return os.stat(path)',
      '',
      '',
      'tracer = trace.get_tracer(__name__)',
    );
    expect(reasons(text)[0]).toMatch(/assigned below/);
  });
});

describe('python planner: error policy', () => {
  it('records, sets status and error.type exactly as the standards say', () => {
    const standards = defaultStandards();
    standards.tracing.error_policy = {
      record_exception: false,
      set_status: true,
      error_type_attribute: true,
    };
    const text = lines(
      'import requests',
      'from opentelemetry import trace',
      '',
      'tracer = trace.get_tracer(__name__)',
      '',
      '',
      'def ping(url: str) -> bool:',
      '    with tracer.start_as_current_span("svc.ping") as span:',
      '        span.set_attribute("service.operation", "ping")',
      '        try:',
      '            requests.get(url, timeout=1)',
      '        except requests.Timeout: return False',
      '        return True',
    );
    const { text: out } = planPython(text, { packageName: 'svc', standards });
    expect(out).toContain(
      lines(
        '        except requests.Timeout as exc:',
        '            span.set_status(Status(StatusCode.ERROR, "Timeout"))',
        '            span.set_attribute("error.type", "Timeout")',
        '            return False',
      ),
    );
    expect(out).not.toContain('record_exception');
    expect(out).toContain('from opentelemetry.trace import Status, StatusCode\n');
  });
});
