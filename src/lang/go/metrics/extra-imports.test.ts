import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { goFormatter } from '../instrument/formatter.js';
import { hasGo } from '../instrument/go-tool.js';
import { ImportPlan } from '../instrument/imports.js';
import { parseGo } from '../parser.js';
import { ExtraImports } from './extra-imports.js';

/** Plans `attribute` through ImportPlan and `metric`/`time` through ExtraImports, as the planner does. */
function withImports(text: string, avoid: string[] = []): { text: string; time: string } {
  const root = parseGo(text).rootNode;
  const imports = new ImportPlan(root, text, 'example.com/shop/x');
  const extra = new ExtraImports(root, text);
  extra.avoid(avoid);
  imports.use('attribute');
  extra.use('go.opentelemetry.io/otel/metric');
  const time = extra.use('time');
  const edits = extra.edits(imports.edits(), imports.endOfImports());
  return { text: goFormatter.format('x.go', applyEdits('x.go', text, edits), '.').text, time };
}

const imports = (text: string) => /import \(\n([\s\S]*?)\)/.exec(text)?.[1] ?? '';

describe.skipIf(!hasGo())('ExtraImports', () => {
  it('turns a single import into a block with standard and OpenTelemetry groups', () => {
    const out = withImports('package x\n\nimport "net/http"\n\nvar _ http.Handler\n');
    expect(imports(out.text)).toBe(
      '\t"net/http"\n\t"time"\n\n\t"go.opentelemetry.io/otel/attribute"\n\t"go.opentelemetry.io/otel/metric"\n',
    );
  });

  it('writes a new block when the file imports nothing', () => {
    const out = withImports('package x\n\nfunc F() {}\n');
    expect(imports(out.text)).toBe(
      '\t"time"\n\n\t"go.opentelemetry.io/otel/attribute"\n\t"go.opentelemetry.io/otel/metric"\n',
    );
  });

  it('reuses an import under the name the file gives it', () => {
    const out = withImports(
      'package x\n\nimport (\n\tt "time"\n\n\tm "go.opentelemetry.io/otel/metric"\n)\n',
    );
    expect(out.time).toBe('t');
    expect(imports(out.text)).toBe(
      '\tt "time"\n\n\t"go.opentelemetry.io/otel/attribute"\n\tm "go.opentelemetry.io/otel/metric"\n',
    );
  });

  it('renames a new import that a package-level name or a parameter would shadow', () => {
    expect(withImports('package x\n\ntype time struct{}\n').time).toBe('stdtime');
    expect(withImports('package x\n\nfunc F() {}\n', ['time']).time).toBe('stdtime');
  });
});
