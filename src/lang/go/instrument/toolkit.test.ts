// The Go toolkit against a real module on disk, as the instrument pipeline drives it: plan, format,
// write, wire go.mod/go.sum with `go get`, validate with `go vet`, and name the culprit when it fails.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEdits } from '../../../edit/apply-text.js';
import { planFile } from './__fixtures__/golden-harness.js';
import { chooseVersion, importPaths, markDirect, moduleOf, requirements } from './dependencies.js';
import { hasGo } from './go-tool.js';
import { goToolkit } from './toolkit.js';
import { parseGoOutput } from './validator.js';

const SERVICE = `package billing

import (
	"context"
	"fmt"
)

// Ledger stores invoices.
type Ledger interface {
	Save(ctx context.Context, invoiceID string, cents int64) error
}

// Issue records an invoice.
func Issue(ctx context.Context, ledger Ledger, invoiceID string, cents int64) error {
	if cents <= 0 {
		return fmt.Errorf("invoice %s: amount must be positive", invoiceID)
	}
	if err := ledger.Save(ctx, invoiceID, cents); err != nil {
		return fmt.Errorf("save invoice %s: %w", invoiceID, err)
	}
	return nil
}
`;

describe('go module requirements', () => {
  it('maps imported packages to the modules that provide them', () => {
    expect(moduleOf('go.opentelemetry.io/otel/codes')).toBe('go.opentelemetry.io/otel');
    expect(moduleOf('go.opentelemetry.io/otel/trace')).toBe('go.opentelemetry.io/otel/trace');
    expect(moduleOf('go.opentelemetry.io/otel/trace/noop')).toBe('go.opentelemetry.io/otel/trace');
    expect(moduleOf('go.opentelemetry.io/otel/sdk/trace')).toBe('go.opentelemetry.io/otel/sdk');
    expect(moduleOf('go.opentelemetry.io/contrib/x')).toBeNull();
    expect(importPaths(SERVICE)).toEqual(['context', 'fmt']);
  });

  it('reads require blocks and picks the version the module already uses', () => {
    const mod =
      'module x\n\ngo 1.24\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgo.opentelemetry.io/otel/metric v1.40.0 // indirect\n\tgo.opentelemetry.io/otel/trace v1.41.0\n)\n';
    const req = requirements(mod);
    expect(req.get('github.com/a/b')).toEqual({ version: 'v1.2.3', indirect: false });
    expect(req.get('go.opentelemetry.io/otel/metric')).toEqual({ version: 'v1.40.0', indirect: true });
    const cached = () => [
      { version: 'v1.38.0', go: '1.23.0' },
      { version: 'v1.47.0', go: '1.26.0' },
    ];
    expect(chooseVersion(req, '1.24', cached)).toBe('v1.41.0');
    expect(chooseVersion(new Map(), '1.24', cached)).toBe('v1.38.0');
    expect(chooseVersion(new Map(), '1.26.0', cached)).toBe('v1.47.0');
    expect(chooseVersion(new Map(), '1.22', cached)).toBe('v1.47.0');
    expect(chooseVersion(new Map(), '1.24', () => [])).toBe('latest');
  });

  it('marks the modules the code imports as direct requirements', () => {
    const mod =
      'require (\n\tgo.opentelemetry.io/otel v1.47.0 // indirect\n\tgo.opentelemetry.io/otel/metric v1.47.0 // indirect\n)\n';
    expect(markDirect(mod, ['go.opentelemetry.io/otel'])).toBe(
      'require (\n\tgo.opentelemetry.io/otel v1.47.0\n\tgo.opentelemetry.io/otel/metric v1.47.0 // indirect\n)\n',
    );
  });

  it('reads go vet output into problems with absolute paths', () => {
    const out =
      '# example.com/m/billing\nvet: billing/issue.go:12:2: declared and not used: ctx\nbilling/other.go:3:1: missing return\n\tmore detail\n';
    expect(parseGoOutput(out, '/mod')).toEqual([
      { file: '/mod/billing/issue.go', line: 12, message: 'declared and not used: ctx' },
      { file: '/mod/billing/other.go', line: 3, message: 'missing return\nmore detail' },
    ]);
  });
});

describe.skipIf(!hasGo())('go toolkit on a real module', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'otelwright-go-'));
    mkdirSync(join(dir, 'billing'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.24\n');
    file = join(dir, 'billing', 'issue.go');
    writeFileSync(file, SERVICE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('instruments, requires OpenTelemetry in go.mod and passes go vet', () => {
    const { plan } = planFile('billing/issue.go', SERVICE, { scopeName: 'example.com/shop/billing' });
    const formatted = goToolkit.formatter.format(file, applyEdits(file, SERVICE, plan.edits), dir);
    expect(formatted.command).toBe('gofmt');
    writeFileSync(file, formatted.text);

    expect(goToolkit.dependencies.manifests([file], dir)).toEqual([join(dir, 'go.mod'), join(dir, 'go.sum')]);
    const wired = goToolkit.dependencies.apply([file], dir);
    expect(wired.actions).toHaveLength(1);
    expect(wired.actions[0]).toMatch(
      /^go get go\.opentelemetry\.io\/otel@v1\.\d+\.\d+ go\.opentelemetry\.io\/otel\/trace@v1\.\d+\.\d+ \(in \.\)/,
    );
    const req = requirements(readFileSync(join(dir, 'go.mod'), 'utf8'));
    expect(req.get('go.opentelemetry.io/otel')?.indirect).toBe(false);
    expect(req.get('go.opentelemetry.io/otel/trace')?.indirect).toBe(false);
    expect(goToolkit.dependencies.apply([file], dir).actions).toEqual([]);

    expect(goToolkit.validator.missingToolchain(dir)).toBeNull();
    const [batch, ...more] = goToolkit.validator.batches([file], dir);
    expect(more).toEqual([]);
    expect(batch).toEqual({ name: 'go package ./billing of module .', cwd: dir, files: [file] });
    const result = goToolkit.validator.validate(batch as NonNullable<typeof batch>);
    expect(result).toEqual({ ok: true, commands: [`go vet ./billing  (in ${dir})`], problems: [] });
  });

  it('names the file that breaks the package', () => {
    writeFileSync(file, SERVICE.replace('return nil\n}', 'unused := 1\n\treturn nil\n}'));
    const [batch] = goToolkit.validator.batches([file], dir);
    const result = goToolkit.validator.validate(batch as NonNullable<typeof batch>);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ file, line: 21, message: expect.stringContaining('unused') }),
    );
  });

  it('rejects text gofmt cannot parse', () => {
    expect(() => goToolkit.formatter.format(file, 'package billing\nfunc (', dir)).toThrow(/gofmt rejected/);
  });
});
