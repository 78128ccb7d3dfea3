// The toolkit's tool-facing parts against real tools: tsc and node validate, Biome formats, package.json
// is edited in its own style.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../../instrument/types.js';
import { API_RANGE } from './dependencies.js';
import { addDependency } from './package-json.js';
import { typescriptToolkit } from './toolkit.js';

const REPO = join(import.meta.dirname, '../../../..');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otelwright-ts-toolkit-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('validator', () => {
  const { validator } = typescriptToolkit;

  it('batches files by their nearest tsconfig, the rest into one syntax check', () => {
    const dir = project({ 'a/tsconfig.json': '{}', 'a/src/x.ts': '', 'a/src/y.ts': '', 'b/z.js': '' });
    const batches = validator.batches(
      [join(dir, 'a/src/x.ts'), join(dir, 'b/z.js'), join(dir, 'a/src/y.ts')],
      dir,
    );
    expect(batches).toEqual([
      { name: 'syntax', cwd: dir, files: [join(dir, 'b/z.js')] },
      {
        name: 'tsc -p a/tsconfig.json',
        cwd: join(dir, 'a'),
        files: [join(dir, 'a/src/x.ts'), join(dir, 'a/src/y.ts')],
      },
    ]);
  });

  it('runs tsc once per project and names the changed file with a type error', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, types: [] },
        include: ['src'],
      }),
      'src/ok.ts': 'export const n: number = 1;\n',
      'src/bad.ts': 'export const s: string = 1;\n',
      'src/old.ts': 'export const old: number = "already broken";\n',
    });
    const batch = {
      name: 'tsc -p tsconfig.json',
      cwd: dir,
      files: [join(dir, 'src/ok.ts'), join(dir, 'src/bad.ts')],
    };
    expect(validator.missingToolchain(dir)).toBeNull();
    const result = validator.validate(batch);
    expect(result.ok).toBe(false);
    expect(result.commands).toHaveLength(1);
    // src/old.ts was broken before and is not among the changed files: not ours to report.
    expect(result.problems).toEqual([
      {
        file: join(dir, 'src/bad.ts'),
        line: 1,
        message: expect.stringContaining("TS2322: Type 'number' is not assignable to type 'string'"),
      },
    ]);
    expect(validator.validate({ ...batch, files: [join(dir, 'src/ok.ts')] }).ok).toBe(true);
  });

  it('syntax-checks scripts, ES modules and TypeScript outside any tsconfig in one process', () => {
    const dir = project({
      'package.json': '{ "type": "commonjs" }',
      'ok.cjs': 'return 1;\n',
      'ok.mjs': 'import x from "y";\nexport default await x;\n',
      'bad.js': 'function (\n',
      'bad.mts': 'export const x: = 1;\n',
    });
    const files = ['ok.cjs', 'ok.mjs', 'bad.js', 'bad.mts'].map((f) => join(dir, f));
    const result = validator.validate({ name: 'syntax', cwd: dir, files });
    expect(result.commands).toHaveLength(1);
    expect(result.problems.map((p) => [p.file, p.line])).toEqual([
      [join(dir, 'bad.js'), 1],
      [join(dir, 'bad.mts'), 1],
    ]);
  });
});

describe('formatter', () => {
  const { formatter } = typescriptToolkit;

  it('leaves the text alone when the project configures no formatter', () => {
    const dir = project({ 'src/a.ts': 'const  x = 1\n' });
    expect(formatter.format(join(dir, 'src/a.ts'), 'const   y = 2\n', dir)).toEqual({
      text: 'const   y = 2\n',
      command: null,
    });
  });

  describe('with the project’s Biome', () => {
    const biomeProject = (original: string) => {
      const dir = project({
        'biome.json': JSON.stringify({
          formatter: { indentStyle: 'space', indentWidth: 2 },
          javascript: { formatter: { quoteStyle: 'single' } },
        }),
        'src/a.ts': original,
      });
      mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
      symlinkSync(join(REPO, 'node_modules/.bin/biome'), join(dir, 'node_modules/.bin/biome'));
      return dir;
    };

    it('formats a file the project keeps formatted', () => {
      const dir = biomeProject("export const x = 'a';\n");
      const out = formatter.format(
        join(dir, 'src/a.ts'),
        'export const x = "a";\nexport   const y = 2\n',
        dir,
      );
      expect(out.text).toBe("export const x = 'a';\nexport const y = 2;\n");
      expect(out.command).toContain('biome format');
    });

    it('keeps the planner’s text for a file the project does not keep formatted', () => {
      const dir = biomeProject('export   const x = "a"\n');
      expect(formatter.format(join(dir, 'src/a.ts'), 'export   const x = "b"\n', dir).command).toBeNull();
    });

    it('throws FormatError when the text does not parse', () => {
      const dir = biomeProject("export const x = 'a';\n");
      expect(() => formatter.format(join(dir, 'src/a.ts'), 'export const = ;\n', dir)).toThrow(FormatError);
    });
  });
});

describe('dependencies', () => {
  const { dependencies } = typescriptToolkit;

  it('adds @opentelemetry/api to the nearest package.json, keeping its style', () => {
    const pkg =
      '{\n    "name": "svc",\n    "dependencies": {\n        "express": "^4.21.0",\n        "pg": "^8.13.0"\n    },\n    "devDependencies": {\n        "typescript": "5.9.3"\n    }\n}\n';
    const dir = project({ 'package.json': pkg, 'src/a.ts': '' });
    expect(dependencies.manifests([join(dir, 'src/a.ts')], dir)).toEqual([join(dir, 'package.json')]);
    const done = dependencies.apply([join(dir, 'src/a.ts')], dir);
    expect(done.changed).toEqual([join(dir, 'package.json')]);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(
      pkg.replace(
        '"express": "^4.21.0",\n',
        `"@opentelemetry/api": "${API_RANGE}",\n        "express": "^4.21.0",\n`,
      ),
    );
    expect(dependencies.apply([join(dir, 'src/a.ts')], dir).changed).toEqual([]);
  });

  it('creates the dependencies section before devDependencies, or appends to an unsorted one', () => {
    expect(
      addDependency('{\n  "name": "x",\n  "devDependencies": {}\n}\n', '@opentelemetry/api', '^1.9.0'),
    ).toBe(
      '{\n  "name": "x",\n  "dependencies": {\n    "@opentelemetry/api": "^1.9.0"\n  },\n  "devDependencies": {}\n}\n',
    );
    expect(
      addDependency(
        '{\n\t"dependencies": {\n\t\t"zod": "1",\n\t\t"axios": "1"\n\t}\n}',
        '@opentelemetry/api',
        '^1.9.0',
      ),
    ).toBe(
      '{\n\t"dependencies": {\n\t\t"zod": "1",\n\t\t"axios": "1",\n\t\t"@opentelemetry/api": "^1.9.0"\n\t}\n}',
    );
    expect(
      addDependency('{ "dependencies": { "@opentelemetry/api": "1.8.0" } }', '@opentelemetry/api', '^1.9.0'),
    ).toBeNull();
  });

  it('keeps a range the project already pins in devDependencies', () => {
    const dir = project({
      'package.json': '{\n  "devDependencies": {\n    "@opentelemetry/api": "1.8.0"\n  }\n}\n',
      'a.js': '',
    });
    dependencies.apply([join(dir, 'a.js')], dir);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({
      '@opentelemetry/api': '1.8.0',
    });
  });
});
