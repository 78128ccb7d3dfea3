// The file as the fact extractors see it: top-level declarations from tree-sitter, their insides from
// the lexer, and what the package-level declarations tell us (constants, tracers, struct fields).

import {
  constantString,
  parseStructTypes,
  parseValueSpecs,
  type StructType,
  type ValueSpec,
} from './declarations.js';
import { calleeOfExpression } from './expressions.js';
import { Imports } from './imports.js';
import { type LexCall, type LexResult, type LexScope, lexDeclaration } from './lexer.js';
import { isQualifiedType } from './params.js';
import { Positions } from './positions.js';
import { identAt, skipTrivia } from './scan.js';
import type { TopLevelDecl } from './top-level.js';

export interface FunctionModel {
  /** The declaration's own scope (kind function or method). */
  scope: LexScope;
  /** Everything inside the declaration, function literals included. */
  lex: LexResult;
}

export const INSTRUMENT_TYPES = [
  'Int64Counter',
  'Float64Counter',
  'Int64Histogram',
  'Float64Histogram',
  'Int64UpDownCounter',
  'Float64UpDownCounter',
  'Int64Gauge',
  'Float64Gauge',
  'Int64ObservableGauge',
  'Float64ObservableGauge',
  'Int64ObservableCounter',
  'Float64ObservableCounter',
  'Int64ObservableUpDownCounter',
  'Float64ObservableUpDownCounter',
] as const;

export interface GoFile {
  text: string;
  pos: Positions;
  imports: Imports;
  functions: FunctionModel[];
  /** Every call of the file, in document order. */
  calls: LexCall[];
  /** Package-level string constants and variables: name → value. */
  constants: Map<string, string>;
  /** Package-level `attribute.Key("k")` constants: name → key. */
  attributeKeys: Map<string, string>;
  /** Package-level variables holding a tracer. */
  tracerVars: string[];
  /** Names (package variables or struct fields) typed or created as tracers, and typed as metric instruments. */
  tracerNames: Set<string>;
  instrumentNames: Set<string>;
  /** Every struct field of the file: name → type as written. */
  fieldTypes: Map<string, string>;
  /** Struct types that embed `Unimplemented...Server`. */
  grpcServers: Set<string>;
}

function isTracerCreation(expr: string): boolean {
  return expr.includes('Tracer') && /\.Tracer$/.test(calleeOfExpression(expr) ?? '');
}

/** Values longer than this are tables and the like, never a name, key or tracer. */
const MAX_VALUE = 400;

function isInstrumentType(type: string, imports: Imports): boolean {
  return INSTRUMENT_TYPES.some((t) => isQualifiedType(type, imports, 'metric', t, false));
}

function readValueSpecs(file: GoFile, specs: ValueSpec[]): void {
  const { text, imports } = file;
  for (const spec of specs) {
    spec.names.forEach((name, k) => {
      const value = spec.values[k] ?? (spec.values.length === 1 ? spec.values[0] : undefined);
      const expr = value && value.end - value.start <= MAX_VALUE ? text.slice(value.start, value.end) : '';
      if (expr !== '' && spec.values.length === spec.names.length) {
        const str = constantString(expr, file.constants);
        if (str !== null) file.constants.set(name, str);
        const key = !expr.includes('.Key(')
          ? null
          : /^\s*([\p{L}_][\p{L}\p{Nd}_]*)\.Key\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*\)\s*$/u.exec(expr);
        if (key && imports.is(key[1] as string, 'attribute'))
          file.attributeKeys.set(name, (key[2] as string).slice(1, -1));
      }
      const typed = spec.type ?? '';
      if (isTracerCreation(expr) || isQualifiedType(typed, imports, 'trace', 'Tracer', false)) {
        if (name !== '_') {
          file.tracerNames.add(name);
          // Only a tracer that is given a value (here, or by assignment in init) can be reused.
          if (expr !== '' || new RegExp(`(^|[^.\\w])${name}\\s*=[^=]`, 'm').test(text))
            file.tracerVars.push(name);
        }
      }
      if (isInstrumentType(typed, imports)) file.instrumentNames.add(name);
    });
  }
}

function readStructs(file: GoFile, structs: StructType[]): void {
  for (const s of structs) {
    for (const [name, type] of s.fields) {
      file.fieldTypes.set(name, type);
      if (isQualifiedType(type, file.imports, 'trace', 'Tracer', false)) file.tracerNames.add(name);
      if (isInstrumentType(type, file.imports)) file.instrumentNames.add(name);
    }
    if (s.embedded.some((e) => /(^|\.)Unimplemented\w*Server$/.test(e.replace(/^\*/, ''))))
      file.grpcServers.add(s.name);
  }
}

/** The package clause's name, or null. */
export function packageNameAt(text: string, clause: TopLevelDecl): string | null {
  return identAt(text, skipTrivia(text, clause.start + 'package'.length, clause.end));
}

export function buildModel(text: string, decls: readonly TopLevelDecl[]): GoFile {
  const file: GoFile = {
    text,
    pos: new Positions(text),
    imports: new Imports(),
    functions: [],
    calls: [],
    constants: new Map(),
    attributeKeys: new Map(),
    tracerVars: [],
    tracerNames: new Set(),
    instrumentNames: new Set(),
    fieldTypes: new Map(),
    grpcServers: new Set(),
  };
  const valueDecls: { start: number; end: number; keyword: 'var' | 'const' }[] = [];
  const typeDecls: { start: number; end: number }[] = [];
  for (const decl of decls) {
    switch (decl.type) {
      case 'import_declaration':
        file.imports.add(text.slice(decl.start, decl.end));
        break;
      case 'function_declaration':
      case 'method_declaration': {
        const lex = lexDeclaration(text, decl.start, decl.end, decl.type);
        const scope = lex.scopes.find((s) => s.start === decl.start && s.kind !== 'literal');
        if (scope) file.functions.push({ scope, lex });
        for (const call of lex.calls) file.calls.push(call);
        break;
      }
      case 'var_declaration':
      case 'const_declaration': {
        const keyword = decl.type === 'var_declaration' ? 'var' : 'const';
        valueDecls.push({ start: decl.start, end: decl.end, keyword });
        // Constants cannot call anything that matters here; variables can (`var tracer = otel.Tracer(...)`).
        if (keyword === 'var') {
          for (const call of lexDeclaration(text, decl.start, decl.end, decl.type).calls)
            file.calls.push(call);
        }
        break;
      }
      case 'type_declaration':
        typeDecls.push({ start: decl.start, end: decl.end });
        break;
    }
  }
  // Constants may refer to each other in any order; two rounds resolve the usual `prefix + "X"` chains.
  const specs = valueDecls.flatMap((d) => parseValueSpecs(text, d.start, d.end, d.keyword));
  for (let round = 0; round < 2; round++) readValueSpecs(file, specs);
  file.tracerVars = [...new Set(file.tracerVars)];
  for (const d of typeDecls) readStructs(file, parseStructTypes(text, d.start, d.end));
  return file;
}
