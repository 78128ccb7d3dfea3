import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectResolver, isWithin, serviceNameOf } from './projects.js';

describe('projects', () => {
  const root = mkdtempSync(join(tmpdir(), 'otelwright-projects-'));
  mkdirSync(join(root, 'services/orders/internal'), { recursive: true });
  mkdirSync(join(root, 'web/src'), { recursive: true });
  mkdirSync(join(root, 'notify/app'), { recursive: true });
  writeFileSync(join(root, 'services/orders/go.mod'), 'module github.com/acme/orders\n\ngo 1.22\n');
  writeFileSync(join(root, 'web/package.json'), '{ "name": "@acme/storefront" }\n');
  writeFileSync(join(root, 'notify/pyproject.toml'), '[project]\nname = "notifications"\n');
  const projectOf = createProjectResolver(root);

  it('finds the nearest manifest of the language', () => {
    expect(projectOf('services/orders/internal/service.go', 'go')).toBe('services/orders');
    expect(projectOf('web/src/app.ts', 'typescript')).toBe('web');
    expect(projectOf('notify/app/views.py', 'python')).toBe('notify');
    expect(projectOf('scripts/tool.py', 'python')).toBe('');
  });

  it('names the service from the manifest, else the directory', () => {
    expect(serviceNameOf(root, 'services/orders', 'go')).toBe('orders');
    expect(serviceNameOf(root, 'web', 'typescript')).toBe('storefront');
    expect(serviceNameOf(root, 'notify', 'python')).toBe('notifications');
    expect(serviceNameOf(join(root, 'services'), '', 'python')).toBe('services');
  });

  it('scopes by directory, the root covering everything', () => {
    expect(isWithin('services/orders', '')).toBe(true);
    expect(isWithin('services/orders', 'services/orders')).toBe(true);
    expect(isWithin('services/orders-v2', 'services/orders')).toBe(false);
  });
});
