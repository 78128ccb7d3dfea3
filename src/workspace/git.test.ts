import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, makeRepo, makeTree, removeTree } from './__fixtures__/tree.js';
import { changedLineRanges, GitError, gitRoot, parseUnifiedDiff } from './git.js';

const trees: string[] = [];
afterEach(() => {
  for (const dir of trees.splice(0)) removeTree(dir);
});
function repo(files: Record<string, string>): string {
  const dir = makeRepo(files);
  trees.push(dir);
  return dir;
}
const lines = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`)
    .join('\n')
    .concat('\n');

describe('gitRoot', () => {
  it('finds the top level from a subdirectory, and null outside a repository', () => {
    const dir = repo({ 'a/b/x.go': '' });
    expect(gitRoot(join(dir, 'a', 'b'))).toBe(dir);
    const plain = makeTree({ 'x.go': '' });
    trees.push(plain);
    expect(gitRoot(plain)).toBeNull();
  });

  it('answers through the same symlink the caller used', () => {
    const dir = repo({ 'svc/x.go': '' });
    const outside = makeTree({});
    trees.push(outside);
    symlinkSync(dir, join(outside, 'checkout'));
    expect(gitRoot(join(outside, 'checkout', 'svc'))).toBe(join(outside, 'checkout'));
  });
});

describe('changedLineRanges', () => {
  it('reports added and modified lines since a ref, staged or not, and untracked files whole', () => {
    const dir = repo({
      'svc/a.go': lines(10),
      'svc/b.py': lines(5),
      'old.ts': lines(3),
      'web/my page.ts': lines(2),
    });
    const text = lines(10).split('\n');
    text[1] = 'changed 2';
    text.splice(6, 0, 'new 7', 'new 8');
    writeFileSync(join(dir, 'svc/a.go'), text.join('\n'));
    writeFileSync(join(dir, 'svc/b.py'), lines(4)); // a deletion only: no new-side lines
    git(dir, 'rm', '-q', 'old.ts');
    writeFileSync(join(dir, 'staged.go'), 'package staged\n\nvar x = 1\n');
    git(dir, 'add', 'staged.go');
    writeFileSync(join(dir, 'fresh.py'), 'a\nb\nc');
    writeFileSync(join(dir, 'has space.go'), lines(1));
    writeFileSync(join(dir, 'web/my page.ts'), lines(3));

    const changed = changedLineRanges(dir, 'HEAD');
    expect(Object.fromEntries(changed)).toEqual({
      'svc/a.go': [
        { start: 2, end: 2 },
        { start: 7, end: 8 },
      ],
      'staged.go': [{ start: 1, end: 3 }],
      'fresh.py': [{ start: 1, end: 3 }],
      'has space.go': [{ start: 1, end: 1 }],
      'web/my page.ts': [{ start: 3, end: 3 }],
    });
  });

  it('compares against an older commit and against the merge base with `ref...`', () => {
    const dir = repo({ 'a.go': lines(3) });
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(dir, 'a.go'), `${lines(3)}line 4\n`);
    git(dir, '-c', 'commit.gpgsign=false', 'commit', '-qam', 'feature');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'a.go'), `first\n${lines(3).split('\n').slice(1).join('\n')}`);
    git(dir, '-c', 'commit.gpgsign=false', 'commit', '-qam', 'main moves on');
    git(dir, 'checkout', '-q', 'feature');

    expect(changedLineRanges(dir, 'main').get('a.go')).toEqual([
      { start: 1, end: 1 },
      { start: 4, end: 4 },
    ]);
    expect(changedLineRanges(dir, 'main...').get('a.go')).toEqual([{ start: 4, end: 4 }]);
  });

  it('counts only the changed lines of a renamed file', () => {
    const dir = repo({ 'orders/service.go': lines(20) });
    git(dir, 'mv', 'orders/service.go', 'orders/svc.go');
    writeFileSync(join(dir, 'orders/svc.go'), lines(20).replace('line 5\n', 'line five\n'));
    expect(Object.fromEntries(changedLineRanges(dir, 'HEAD'))).toEqual({
      'orders/svc.go': [{ start: 5, end: 5 }],
    });
  });

  it('limits paths to a subdirectory root and makes them relative to it', () => {
    const dir = repo({ 'svc/a.go': lines(2), 'web/b.ts': lines(2) });
    writeFileSync(join(dir, 'svc/a.go'), lines(3));
    writeFileSync(join(dir, 'web/b.ts'), lines(3));
    expect([...changedLineRanges(join(dir, 'svc'), 'HEAD').keys()]).toEqual(['a.go']);
  });

  it('explains an unknown ref and a directory outside git', () => {
    const dir = repo({ 'a.go': '' });
    expect(() => changedLineRanges(dir, 'xyz')).toThrow(
      new GitError('unknown git ref "xyz": run git fetch or pass a commit that exists'),
    );
    expect(() => changedLineRanges(dir, '--output=/tmp/x')).toThrow(/unknown git ref "--output=\/tmp\/x"/);
    const plain = makeTree({});
    trees.push(plain);
    mkdirSync(join(plain, 'sub'));
    expect(() => changedLineRanges(join(plain, 'sub'), 'HEAD')).toThrow(/^not a git repository: /);
  });
});

describe('parseUnifiedDiff', () => {
  it('is not fooled by a changed line that looks like a file header', () => {
    const diff = [
      'diff --git a/x.go b/x.go',
      '--- a/x.go',
      '+++ b/x.go',
      '@@ -1,2 +1,2 @@',
      '--- a/evil',
      '-++ b/evil',
      '+++ b/evil',
      '+@@ -1 +1 @@',
      '@@ -9,0 +10,3 @@ func f() {',
      '+a',
      '+b',
      '\\ No newline at end of file',
      '+c',
    ].join('\n');
    expect(Object.fromEntries(parseUnifiedDiff(diff))).toEqual({
      'x.go': [
        { start: 1, end: 2 },
        { start: 10, end: 12 },
      ],
    });
  });

  it('reads quoted names', () => {
    const diff = ['+++ "b/caf\\303\\251 \\"q\\".go"', '@@ -0,0 +1 @@', '+x'].join('\n');
    expect([...parseUnifiedDiff(diff).keys()]).toEqual(['café "q".go']);
  });
});
