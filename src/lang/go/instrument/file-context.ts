// What every function plan in one file shares: the text, the request, the imports being planned, and
// what the file's package-level declarations tell us.

import type { GapType } from '../../../audit/model.js';
import type { TextEdit } from '../../../edit/model.js';
import type { PlanRequest, SkippedGap } from '../../../instrument/types.js';
import type { Node } from '../parser.js';
import { basicNamedTypes } from './attributes.js';
import { declaredNames, type GoFunction } from './function-model.js';
import { type GoPackage, ImportPlan } from './imports.js';
import { bestWords, constructorWords } from './status-message.js';
import { tracerFields } from './tracer.js';

export interface FileContext {
  text: string;
  request: PlanRequest;
  imports: ImportPlan;
  /** Struct type → its initialised `trace.Tracer` field. */
  tracerFields: Map<string, string>;
  /** `type OrderID string` and the like. */
  namedTypes: Map<string, string>;
  /** Package-level variable names of this file. */
  packageVars: Set<string>;
  /** Constant words of package-level sentinel errors (`var ErrNotFound = errors.New("order not found")`). */
  sentinelMessages: Map<string, string>;
}

export function fileContext(root: Node, request: PlanRequest): FileContext {
  const imports = new ImportPlan(root, request.text, request.scopeName);
  const packageVars = new Set<string>();
  const sentinelMessages = new Map<string, string>();
  for (const decl of root.namedChildren) {
    if (decl.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) {
      const names = spec.childrenForFieldName('name');
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      names.forEach((n, i) => {
        packageVars.add(n.text);
        const value = values[i];
        const words = value?.type === 'call_expression' ? constructorWords(value) : null;
        if (words) sentinelMessages.set(n.text, bestWords(words));
      });
    }
  }
  return {
    text: request.text,
    request,
    imports,
    tracerFields: tracerFields(root, imports.existing('trace')),
    namedTypes: basicNamedTypes(root),
    packageVars,
    sentinelMessages,
  };
}

/** What one function's plan produced. */
export interface FunctionPlan {
  edits: TextEdit[];
  /** Gap types completed (fully or in part). */
  done: GapType[];
  /** Phrases for the summary: `span orders.ProcessPayment`, `error recorded on 2 paths`. */
  notes: string[];
  skipped: SkippedGap[];
  usesPackageTracer: boolean;
}

export function emptyPlan(): FunctionPlan {
  return { edits: [], done: [], notes: [], skipped: [], usesPackageTracer: false };
}

/** A package the generated code must name, when a local declaration of the function hides its import name. */
export function shadowedPackage(
  fn: GoFunction,
  imports: ImportPlan,
  packages: readonly GoPackage[],
): string | null {
  const declared = declaredNames(fn);
  for (const pkg of packages) {
    const name = imports.existing(pkg);
    if (name !== null && declared.has(name)) return name;
  }
  return null;
}
