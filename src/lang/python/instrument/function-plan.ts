// The edits planned for one function, and what they share: names chosen fresh against everything the
// function mentions, and the one `span = trace.get_current_span()` line the body's new statements use.
import type { TextEdit } from '../../../edit/model.js';
import type { FunctionFacts } from '../../facts.js';
import type { Layout } from './layout.js';
import type { ModuleEdits } from './module-edits.js';
import { docstringOf, type Node, type Quote } from './syntax.js';

export class SkipFunction extends Error {}

export interface FileScope {
  text: string;
  layout: Layout;
  quote: Quote;
  module: ModuleEdits;
}

export class FunctionPlan {
  readonly edits: TextEdit[] = [];
  readonly body: Node;
  /** Every identifier-like word in the function (strings and comments too: conservative on purpose). */
  private readonly taken: Set<string>;
  private currentSpan: string | null = null;
  private readonly topLines: string[] = [];
  private readonly memo = new Map<string, string>();

  constructor(
    readonly file: FileScope,
    readonly fn: FunctionFacts,
    readonly node: Node,
  ) {
    const body = node.childForFieldName('body');
    if (!body) throw new SkipFunction('the function has no body');
    this.body = body;
    this.taken = new Set(node.text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  }

  /** A local name not used anywhere in the function: `base`, else `base_2`... */
  fresh(base: string, ...alternatives: string[]): string {
    for (const name of [base, ...alternatives]) {
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    for (let n = 2; ; n++) {
      const name = `${base}_${n}`;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }

  /** Runs `make` once per key (a name bound by an edit must be bound by one edit only). */
  once(key: string, make: () => string): string {
    let value = this.memo.get(key);
    if (value === undefined) {
      value = make();
      this.memo.set(key, value);
    }
    return value;
  }

  /** True when the name is bound inside the function (a parameter or an assignment target), shadowing a global. */
  bindsLocally(name: string): boolean {
    if (this.fn.params.some((p) => p.name === name)) return true;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const binding = new RegExp(
      `(^|[\\s,(;])${escaped}\\s*(?::[^=\\n]*)?=(?!=)|\\bfor\\s+[\\w\\s,()]*\\b${escaped}\\b[\\w\\s,()]*\\bin\\b|\\bas\\s+${escaped}\\b|\\b(?:def|class)\\s+${escaped}\\b|\\bimport\\s+(?:[\\w.]+\\s+as\\s+)?${escaped}\\b|\\b(?:global|nonlocal)\\s+[\\w\\s,]*\\b${escaped}\\b`,
      'm',
    );
    return binding.test(this.body.text);
  }

  /**
   * The variable holding the function's current span, bound once at the top of the body (after the
   * docstring) from `trace.get_current_span()`; reuses such a line when the body already starts with one.
   */
  spanVariable(): string {
    if (this.currentSpan) return this.currentSpan;
    const existing = this.existingCurrentSpanBinding();
    if (existing) {
      this.currentSpan = existing;
      return existing;
    }
    const trace = this.file.module.traceModule();
    if (this.bindsLocally(trace.split('.')[0]!)) {
      throw new SkipFunction(
        `the name \`${trace.split('.')[0]}\` is rebound inside the function, hiding the OpenTelemetry trace module`,
      );
    }
    this.currentSpan = this.fresh('span', 'current_span', 'otel_span');
    this.topLines.unshift(`${this.currentSpan} = ${trace}.get_current_span()`);
    return this.currentSpan;
  }

  /** Lines to run first in the body (after the docstring and the span binding). */
  addTopLines(lines: readonly string[]): void {
    this.topLines.push(...lines);
  }

  /** Where body-top lines go: after an existing `x = trace.get_current_span()` line when reused. */
  finish(): TextEdit[] {
    if (this.topLines.length === 0) return this.edits;
    const { layout } = this.file;
    const anchor = this.topAnchor();
    const text = this.topLines.map((l) => `${layout.eol}${anchor.indent}${l}`).join('');
    return [...this.edits, { start: anchor.at, end: anchor.at, text }];
  }

  private topAnchor(): { at: number; indent: string } {
    const { layout } = this.file;
    const first = this.body.firstNamedChild;
    if (!first || layout.lineOf(first.startIndex) === layout.lineOf(this.colon().startIndex)) {
      throw new SkipFunction('the body is on the same line as the `def`');
    }
    const indent = layout.indentOf(first.startIndex);
    const reused = this.currentSpanStatement();
    const after = reused ?? docstringOf(this.body);
    return { at: layout.lineEnd(after ? after.endIndex : this.colon().startIndex), indent };
  }

  private colon(): Node {
    const colon = this.body.previousSibling;
    if (colon?.type !== ':') throw new SkipFunction('the function header could not be read');
    return colon;
  }

  private currentSpanStatement(): Node | null {
    const children = this.body.namedChildren;
    const start = docstringOf(this.body) ? 1 : 0;
    const candidate = children[start];
    if (candidate?.type !== 'expression_statement') return null;
    return /^[A-Za-z_]\w*\s*=\s*(?:[\w.]+\.)?get_current_span\(\s*\)$/.test(candidate.text)
      ? candidate
      : null;
  }

  private existingCurrentSpanBinding(): string | null {
    const statement = this.currentSpanStatement();
    return statement ? /^([A-Za-z_]\w*)/.exec(statement.text)![1]! : null;
  }
}
