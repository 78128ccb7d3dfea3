// The module-level half of a plan: the `opentelemetry.trace` import, the `Status`/`StatusCode` import and
// the tracer declaration. Each is added once per file, in the file's import grouping (isort's sections:
// future, standard library, third party, local), reusing whatever names the file already binds.
import type { TextEdit } from '../../../edit/model.js';
import type { Layout } from './layout.js';
import type { ImportGroup, ImportStatement, ModuleScope } from './module-scope.js';

export interface StatusNames {
  status: string;
  statusCode: string;
}

export class ModuleEdits {
  private traceImport: { local: string } | null = null;
  private statusImport: { names: string[] } | null = null;
  private tracerDeclaration: string | null = null;

  constructor(
    private readonly scope: ModuleScope,
    private readonly layout: Layout,
  ) {}

  /** The expression naming `opentelemetry.trace` (importing it when the file does not). */
  traceModule(): string {
    if (this.scope.traceModule) return this.scope.traceModule;
    if (!this.traceImport) {
      this.traceImport = {
        local: this.scope.bound.has('trace') ? freshName(this.scope.bound, 'otel_trace') : 'trace',
      };
    }
    return this.traceImport.local;
  }

  /** Names for `Status` and `StatusCode` (importing them, or going through the trace module on a clash). */
  statusNames(): StatusNames {
    const { statusName, statusCodeName, bound } = this.scope;
    if (statusName && statusCodeName) return { status: statusName, statusCode: statusCodeName };
    const missing = [!statusName && 'Status', !statusCodeName && 'StatusCode'].filter(
      (n): n is string => !!n,
    );
    if (missing.some((n) => bound.has(n))) {
      const trace = this.traceModule();
      return { status: statusName ?? `${trace}.Status`, statusCode: statusCodeName ?? `${trace}.StatusCode` };
    }
    this.statusImport ??= { names: missing };
    return { status: statusName ?? 'Status', statusCode: statusCodeName ?? 'StatusCode' };
  }

  /** The pending additions, to restore when a function's plan is abandoned halfway. */
  checkpoint(): () => void {
    const saved = {
      traceImport: this.traceImport,
      statusImport: this.statusImport,
      tracerDeclaration: this.tracerDeclaration,
    };
    return () => {
      this.traceImport = saved.traceImport;
      this.statusImport = saved.statusImport;
      this.tracerDeclaration = saved.tracerDeclaration;
    };
  }

  declareTracer(name: string): void {
    this.tracerDeclaration = name;
  }

  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    const { eol } = this.layout;
    if (this.traceImport) {
      const local = this.traceImport.local;
      const line = `from opentelemetry import trace${local === 'trace' ? '' : ` as ${local}`}`;
      edits.push(this.placeImport('opentelemetry', line));
    }
    if (this.statusImport) {
      const existing = this.scope.traceFromImport;
      const names = this.statusImport.names;
      if (existing) {
        edits.push({
          start: existing.node.endIndex,
          end: existing.node.endIndex,
          text: `, ${names.join(', ')}`,
        });
      } else {
        edits.push(
          this.placeImport('opentelemetry.trace', `from opentelemetry.trace import ${names.join(', ')}`),
        );
      }
    }
    if (this.tracerDeclaration) {
      const trace = this.traceModule();
      const declaration = `${this.tracerDeclaration} = ${trace}.get_tracer(__name__)`;
      const after = this.scope.preludeEnd ?? this.scope.docstring;
      if (after) {
        const at = this.layout.lineEnd(after.endIndex);
        edits.push({ start: at, end: at, text: `${eol}${eol}${declaration}` });
      } else {
        const at = this.firstStatementStart();
        edits.push({ start: at, end: at, text: `${declaration}${eol}${eol}` });
      }
    }
    return edits;
  }

  /** Where a new `from <module> import ...` line goes, as an insertion. */
  private placeImport(module: string, line: string): TextEdit {
    const { eol } = this.layout;
    const groups = this.scope.groups;
    const home =
      groups.find((g) => g.statements.some((s) => s.module.split('.')[0] === 'opentelemetry')) ??
      groups.find((g) => g.kind === 'third-party');
    if (home) return this.insertSorted(home, module, line);
    const before = groups.find((g) => g.kind === 'local');
    if (before) {
      const at = this.layout.lineStart(before.statements[0]!.node.startIndex);
      return { start: at, end: at, text: `${line}${eol}${eol}` };
    }
    const last = groups[groups.length - 1];
    if (last) {
      const at = this.layout.lineEnd(lastOf(last).node.endIndex);
      return { start: at, end: at, text: `${eol}${eol}${line}` };
    }
    if (this.scope.docstring) {
      const at = this.layout.lineEnd(this.scope.docstring.endIndex);
      return { start: at, end: at, text: `${eol}${eol}${line}` };
    }
    const at = this.firstStatementStart();
    return { start: at, end: at, text: `${line}${eol}${eol}` };
  }

  /** isort's order inside a section: `import x` lines first, then `from x import y` lines by module. */
  private insertSorted(group: ImportGroup, module: string, line: string): TextEdit {
    const key = module.toLowerCase();
    const next = group.statements.find((s) => s.from && s.module.toLowerCase() > key);
    if (next) {
      const at = this.layout.lineStart(next.node.startIndex);
      return { start: at, end: at, text: `${line}${this.layout.eol}` };
    }
    const at = this.layout.lineEnd(lastOf(group).node.endIndex);
    return { start: at, end: at, text: `${this.layout.eol}${line}` };
  }

  /** Past a shebang, encoding line and leading comments: where the first statement starts. */
  private firstStatementStart(): number {
    const match = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(this.layout.text);
    return match ? match[0].length : 0;
  }
}

function lastOf(group: ImportGroup): ImportStatement {
  return group.statements[group.statements.length - 1]!;
}

/** `base`, else `base_2`, `base_3`...: the first not in `taken`. */
export function freshName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}
