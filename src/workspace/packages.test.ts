import { describe, expect, it } from 'vitest';
import { createPackageResolver, goModulePath, goPackageName, type ProjectReader } from './packages.js';

/** An in-memory tree: file path → content; directories are implied. Counts listings to check caching. */
function memoryReader(files: Record<string, string>): ProjectReader & { listings: number } {
  const reader = {
    listings: 0,
    list(dir: string): string[] {
      reader.listings++;
      const names = new Set<string>();
      for (const path of Object.keys(files)) {
        if (path.startsWith(`${dir}/`)) names.add(path.slice(dir.length + 1).split('/')[0] ?? '');
      }
      return [...names];
    },
    read(file: string): string | null {
      return files[file] ?? null;
    },
  };
  return reader;
}

describe('goModulePath', () => {
  it.each([
    ['module example.com/shop\n\ngo 1.22\n', 'example.com/shop'],
    ['// comment\nmodule "example.com/quoted" // why\n', 'example.com/quoted'],
    ['go 1.22\n', null],
  ])('reads %j', (goMod, expected) => {
    expect(goModulePath(goMod)).toBe(expected);
  });
});

describe('goPackageName', () => {
  it.each([
    ['example.com/shop/internal/orders', 'orders'],
    ['github.com/acme/billing/v2', 'billing'],
    ['gopkg.in/yaml.v3', 'yaml'],
    ['go.opentelemetry.io/otel/semconv/v1.26.0', 'semconv'],
    ['github.com/acme/go-redis', 'redis'],
    ['github.com/acme/otel-go', 'otel'],
    ['shop', 'shop'],
  ])('%s declares %s', (importPath, name) => {
    expect(goPackageName(importPath)).toBe(name);
  });
});

describe('createPackageResolver', () => {
  it('gives Go files the import path under the nearest go.mod', () => {
    const reader = memoryReader({
      '/repo/go.mod': 'module example.com/shop\n',
      '/repo/internal/orders/service.go': '',
      '/repo/main.go': '',
      '/repo/tools/go.mod': 'module example.com/shop/tools/v2\n',
      '/repo/tools/gen.go': '',
    });
    const hints = createPackageResolver(reader, '/repo');
    expect(hints('/repo/internal/orders/service.go', 'go')).toEqual({
      packageHint: 'orders',
      scopeHint: 'example.com/shop/internal/orders',
    });
    expect(hints('/repo/main.go', 'go')).toEqual({ packageHint: 'shop', scopeHint: 'example.com/shop' });
    expect(hints('/repo/tools/gen.go', 'go')).toEqual({
      packageHint: 'tools',
      scopeHint: 'example.com/shop/tools/v2',
    });
  });

  it('falls back to the directory for Go files outside a module', () => {
    const hints = createPackageResolver(memoryReader({ '/repo/pkg/orders/a.go': '' }), '/repo');
    expect(hints('/repo/pkg/orders/a.go', 'go')).toEqual({ packageHint: 'orders', scopeHint: 'pkg/orders' });
  });

  it('gives TS/JS files the nearest named package.json and a directory or file label', () => {
    const reader = memoryReader({
      '/repo/package.json': '{"name": "@acme/checkout"}',
      '/repo/src/package.json': '{"type": "module"}',
      '/repo/src/index.ts': '',
      '/repo/src/payments.ts': '',
      '/repo/src/orders/service.ts': '',
      '/repo/src/orders/index.ts': '',
      '/repo/src/orders/orders.controller.ts': '',
      '/repo/server.js': '',
      '/repo/packages/web/package.json': '{"name": "web", "version": "1.0.0"}',
      '/repo/packages/web/lib/client.mjs': '',
      '/repo/packages/broken/package.json': '{ not json',
      '/repo/packages/broken/app/x.js': '',
    });
    const hints = createPackageResolver(reader, '/repo');
    expect(hints('/repo/src/index.ts', 'typescript')).toEqual({
      packageHint: 'checkout',
      scopeHint: '@acme/checkout',
    });
    expect(hints('/repo/src/payments.ts', 'typescript').packageHint).toBe('payments');
    expect(hints('/repo/src/orders/service.ts', 'typescript').packageHint).toBe('orders');
    expect(hints('/repo/src/orders/index.ts', 'typescript').packageHint).toBe('orders');
    expect(hints('/repo/src/orders/orders.controller.ts', 'typescript').packageHint).toBe('orders');
    expect(hints('/repo/server.js', 'javascript').packageHint).toBe('server');
    expect(hints('/repo/packages/web/lib/client.mjs', 'javascript')).toEqual({
      packageHint: 'client',
      scopeHint: 'web',
    });
    expect(hints('/repo/packages/broken/app/x.js', 'javascript')).toEqual({
      packageHint: 'x',
      scopeHint: '@acme/checkout',
    });
  });

  it('falls back to the root directory name without any package.json', () => {
    const hints = createPackageResolver(memoryReader({ '/work/shop/src/index.js': '' }), '/work/shop');
    expect(hints('/work/shop/src/index.js', 'javascript')).toEqual({
      packageHint: 'shop',
      scopeHint: 'shop',
    });
  });

  it('gives Python files their dotted module path from the top-most package', () => {
    const reader = memoryReader({
      '/repo/src/app/__init__.py': '',
      '/repo/src/app/orders/__init__.py': '',
      '/repo/src/app/orders/service.py': '',
      '/repo/src/app/main.py': '',
      '/repo/scripts/migrate.py': '',
    });
    const hints = createPackageResolver(reader, '/repo');
    expect(hints('/repo/src/app/orders/service.py', 'python')).toEqual({
      packageHint: 'orders',
      scopeHint: 'app.orders.service',
    });
    expect(hints('/repo/src/app/orders/__init__.py', 'python')).toEqual({
      packageHint: 'orders',
      scopeHint: 'app.orders',
    });
    expect(hints('/repo/src/app/main.py', 'python')).toEqual({ packageHint: 'app', scopeHint: 'app.main' });
    expect(hints('/repo/scripts/migrate.py', 'python')).toEqual({
      packageHint: 'migrate',
      scopeHint: 'migrate',
    });
  });

  it('lists each directory once however many files it holds', () => {
    const files: Record<string, string> = { '/repo/go.mod': 'module m\n' };
    for (let i = 0; i < 20; i++) files[`/repo/a/b/f${i}.go`] = '';
    const reader = memoryReader(files);
    const hints = createPackageResolver(reader, '/repo');
    for (const path of Object.keys(files).filter((p) => p.endsWith('.go'))) hints(path, 'go');
    // /repo/a/b, /repo/a and /repo: once each, not once per file.
    expect(reader.listings).toBe(3);
  });
});
