import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, link, makeRepo, makeTree, removeTree, writeTree } from './__fixtures__/tree.js';
import { discoverFiles } from './discover.js';

const trees: string[] = [];
afterEach(() => {
  for (const dir of trees.splice(0)) removeTree(dir);
});
function tree(files: Record<string, string>): string {
  const dir = makeTree(files);
  trees.push(dir);
  return dir;
}
function repo(files: Record<string, string>): string {
  const dir = makeRepo(files);
  trees.push(dir);
  return dir;
}
const none = { include: [], exclude: [] };
const paths = (discovery: { files: { path: string }[] }): string[] => discovery.files.map((f) => f.path);

describe('discoverFiles outside git', () => {
  it('lists the files adapters claim, sorted, leaving out ignored directories and files', async () => {
    const dir = tree({
      'svc/orders.go': 'package svc\n',
      'web/src/app.ts': '',
      'web/src/types.d.ts': '',
      'web/public/bundle.min.js': '',
      'web/node_modules/lib/index.js': '',
      'api/main.py': '',
      'api/README.md': '',
      'vendor/x/y.go': '',
      'dist/out.js': '',
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/python3.12/site.py': '',
      'venv311/pyvenv.cfg': '',
      'venv311/lib/x.py': '',
      '.venv/lib/y.py': '',
      '__pycache__/z.py': '',
      'environment/settings.py': '',
      'coverage/lcov.js': '',
    });
    const discovery = await discoverFiles([], { cwd: dir, ...none });
    expect(discovery.root).toBe(dir);
    expect(paths(discovery)).toEqual([
      'api/main.py',
      'environment/settings.py',
      'svc/orders.go',
      'web/src/app.ts',
    ]);
    expect(discovery.files[0]).toEqual({
      absPath: join(dir, 'api/main.py'),
      path: 'api/main.py',
      language: 'python',
      size: 0,
    });
    expect(discovery.skipped).toEqual([]);
  });

  it('skips test files, saying why', async () => {
    const dir = tree({
      'svc/orders.go': '',
      'svc/orders_test.go': '',
      'web/orders.spec.ts': '',
      'api/tests/test_orders.py': '',
      'api/conftest.py': '',
    });
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['svc/orders.go']);
    expect(discovery.skipped).toEqual([
      { file: 'api/conftest.py', reason: 'test file' },
      { file: 'api/tests/test_orders.py', reason: 'test file' },
      { file: 'svc/orders_test.go', reason: 'test file' },
      { file: 'web/orders.spec.ts', reason: 'test file' },
    ]);
  });

  it('skips files over the size limit', async () => {
    const dir = tree({ 'big.go': 'x'.repeat(2048), 'small.go': 'package x\n' });
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none, maxFileBytes: 1024 });
    expect(paths(discovery)).toEqual(['small.go']);
    expect(discovery.skipped).toEqual([{ file: 'big.go', reason: 'larger than 1 KB' }]);
  });

  it('applies include and exclude globs to root-relative paths', async () => {
    const dir = tree({
      'services/orders/api.go': '',
      'services/orders/api.pb.go': '',
      'services/legacy/old.go': '',
      'tools/gen.go': '',
    });
    const discovery = await discoverFiles(['.'], {
      cwd: dir,
      include: ['services/**'],
      exclude: ['*.pb.go', 'services/legacy'],
    });
    expect(paths(discovery)).toEqual(['services/orders/api.go']);
  });

  it('takes files and directories, reports missing paths, and lists a file reached twice once', async () => {
    const dir = tree({ 'a/x.go': '', 'b/y.py': '', 'b/notes.txt': '' });
    const discovery = await discoverFiles(['a', 'a/x.go', 'b/y.py', 'nope', 'b/notes.txt'], {
      cwd: dir,
      ...none,
    });
    expect(paths(discovery)).toEqual(['a/x.go', 'b/y.py']);
    expect(discovery.missing).toEqual(['nope']);
  });

  it('roots paths at the directory holding them all when they are outside cwd', async () => {
    const dir = tree({ 'proj/a.go': '' });
    const elsewhere = tree({});
    const discovery = await discoverFiles([join(dir, 'proj')], { cwd: elsewhere, ...none });
    expect(discovery.root).toBe(join(dir, 'proj'));
    expect(paths(discovery)).toEqual(['a.go']);
  });
});

describe('discoverFiles and symlinks', () => {
  it('visits a directory symlink loop once and terminates', async () => {
    const dir = tree({ 'pkg/a.go': '', 'pkg/sub/b.go': '' });
    link(dir, 'pkg/sub/up', '..');
    link(dir, 'pkg/self', '.');
    link(dir, 'pkg/sub/root', dir);
    link(dir, 'ping.go', 'pong.go');
    link(dir, 'pong.go', 'ping.go');
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['pkg/a.go', 'pkg/sub/b.go']);
  });

  it("follows symlinks to files and directories outside the tree, under the link's path", async () => {
    const outside = tree({ 'shared/util.ts': '', 'one.py': '' });
    const dir = tree({ 'src/main.ts': '' });
    link(dir, 'src/shared', join(outside, 'shared'));
    link(dir, 'src/one.py', join(outside, 'one.py'));
    link(dir, 'src/broken.ts', join(outside, 'missing.ts'));
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['src/main.ts', 'src/one.py', 'src/shared/util.ts']);
  });

  it('prefers the real path when a file is also reachable through a symlink', async () => {
    const dir = tree({ 'real/x.go': '' });
    link(dir, 'alias', 'real');
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['real/x.go']);
  });
});

describe('discoverFiles in a git repository', () => {
  it('lists tracked and untracked files, honours .gitignore, and roots paths at the top level', async () => {
    const dir = repo({
      '.gitignore': 'generated/\n*.local.ts\n',
      'svc/orders.go': '',
      'svc/gone.go': '',
      'vendor/dep/dep.go': '',
      'web/app.ts': '',
    });
    writeTree(dir, { 'svc/new.go': '', 'generated/x.go': '', 'web/dev.local.ts': '' });
    rmSync(join(dir, 'svc/gone.go'));
    const discovery = await discoverFiles(['.'], { cwd: join(dir, 'svc'), ...none });
    expect(discovery.root).toBe(dir);
    expect(paths(discovery)).toEqual(['svc/new.go', 'svc/orders.go']);

    const whole = await discoverFiles([dir], { cwd: join(dir, 'svc'), ...none });
    expect(paths(whole)).toEqual(['svc/new.go', 'svc/orders.go', 'web/app.ts']);
  });

  it('reads a directory git ignores when it is named on purpose', async () => {
    const dir = repo({ '.gitignore': 'gen/\n', 'a.go': '' });
    writeTree(dir, { 'gen/api.go': '', 'gen/node_modules/x.js': '' });
    expect(paths(await discoverFiles(['.'], { cwd: dir, ...none }))).toEqual(['a.go']);
    expect(paths(await discoverFiles(['gen'], { cwd: dir, ...none }))).toEqual(['gen/api.go']);
  });

  it('follows a committed symlink to a directory, and survives a committed symlink loop', async () => {
    const outside = tree({ 'lib/util.py': '' });
    const dir = repo({ 'app/main.py': '' });
    link(dir, 'app/lib', join(outside, 'lib'));
    link(dir, 'app/loop', '..');
    git(dir, 'add', '-A');
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['app/lib/util.py', 'app/main.py']);
  });

  it('lists the files of an untracked nested repository', async () => {
    const dir = repo({ 'a.go': '' });
    const nested = join(dir, 'tools');
    writeTree(dir, { 'tools/gen.go': '' });
    git(nested, 'init', '-q');
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    expect(paths(discovery)).toEqual(['a.go', 'tools/gen.go']);
  });

  it('is fast on a large tree', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`pkg${i % 50}/file${i}.go`] = 'package p\n';
    const dir = repo(files);
    writeFileSync(join(dir, 'untracked.go'), '');
    const started = performance.now();
    const discovery = await discoverFiles(['.'], { cwd: dir, ...none });
    const elapsed = performance.now() - started;
    expect(discovery.files).toHaveLength(3001);
    expect(elapsed).toBeLessThan(2000);
  });
});
