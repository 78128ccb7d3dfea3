// Syntax checks for changed files no tsconfig covers, in ONE node process for the whole batch: JavaScript
// with node's own parser (vm.Script for scripts with the CommonJS wrapper's scope, vm.SourceTextModule for
// ES modules), TypeScript/JSX with the TypeScript parser. Prints one JSON line per problem.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { ToolProblem, ValidationResult } from '../../../instrument/types.js';

const CHECKER = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const [typescriptPath, ...files] = process.argv.slice(1);
let ts = null;
const typeOf = (file) => {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) { try { return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs'; } catch { return 'commonjs'; } }
    if (path.dirname(dir) === dir) return 'commonjs';
  }
};
for (const file of files) {
  const code = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  try {
    if (/\.(mjs|cjs|js)$/.test(file)) {
      const esm = file.endsWith('.mjs') || (file.endsWith('.js') && typeOf(file) === 'module');
      if (esm) new vm.SourceTextModule(code, { identifier: file });
      else new vm.Script('(function (exports, require, module, __filename, __dirname) {' + code + '\n})', { filename: file });
    } else {
      ts = ts || require(typescriptPath);
      const out = ts.transpileModule(code, { fileName: file, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve } });
      for (const d of out.diagnostics || []) {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : null;
        console.log(JSON.stringify({ file, line, message: 'TS' + d.code + ': ' + ts.flattenDiagnosticMessageText(d.messageText, ' ') }));
      }
    }
  } catch (err) {
    const at = /:(\d+)\s*$/m.exec(String(err.stack).split('\n')[0] || '');
    console.log(JSON.stringify({ file, line: at ? Number(at[1]) : null, message: err.name + ': ' + err.message }));
  }
}
`;

const SYNTAX_COMMAND = 'node --experimental-vm-modules (syntax check)';

export function syntaxCheck(files: readonly string[], cwd: string): ValidationResult {
  const typescript = createRequire(import.meta.url).resolve('typescript');
  const result = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', '-e', CHECKER, typescript, ...files],
    {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const command = `${SYNTAX_COMMAND}: ${files.length} file${files.length === 1 ? '' : 's'}`;
  if (result.error || result.status !== 0) {
    const message = result.error?.message ?? result.stderr.trim();
    return {
      ok: false,
      commands: [command],
      problems: [{ file: null, line: null, message: `syntax check failed to run: ${message}` }],
    };
  }
  const problems: ToolProblem[] = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as ToolProblem);
  return { ok: problems.length === 0, commands: [command], problems };
}
