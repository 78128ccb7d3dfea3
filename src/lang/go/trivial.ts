// Functions never worth a span whatever they touch (trivial), and functions the audit never asks about
// (excluded): `main`, `init`, tests, benchmarks, examples, fuzz targets.
import type { TrivialReason } from '../facts.js';
import { rootOf } from './calls.js';
import type { LexCall } from './lexer.js';
import type { GoFile } from './model.js';
import type { Signature } from './signature.js';

export interface TrivialInput {
  signature: Signature;
  /** Receiver variable name, null for functions. */
  receiver: string | null;
  /** Body text from `{` to `}` inclusive. */
  body: string;
  statements: number;
  calls: readonly LexCall[];
  doesIo: boolean;
}

const STRINGERS = new Set(['String', 'Error', 'GoString']);
const MARSHALER = /^(Marshal|Unmarshal|Append)(JSON|Text|Binary|YAML|XML)$/;
const BUILTINS = new Set(['len', 'cap', 'string', 'min', 'max']);
const IDENT = '[\\p{L}_][\\p{L}\\p{Nd}_]*';
/** `return s.name` */
const GETTER = new RegExp(`^return\\s+(${IDENT})\\.${IDENT}$`, 'u');
/** `s.name = name` */
const SETTER = new RegExp(`^(${IDENT})\\.${IDENT}\\s*=[^=][^\\n]*$`, 'u');
/** `return &Service{...}` */
const STRUCT_LITERAL_RETURN = new RegExp(
  `^return\\s+&?${IDENT}(\\.${IDENT})?(\\[[^\\]]*\\])?\\{[\\s\\S]*\\}$`,
  'u',
);

function withoutComments(body: string): string {
  return body.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

function isFormattingCall(file: GoFile, call: LexCall): boolean {
  const parts = call.callee.split('.');
  if (parts.length === 1) return BUILTINS.has(call.callee);
  const root = rootOf(call.callee);
  if (parts.length !== 2) return false;
  if (file.imports.is(root, 'fmt')) return /^Sprint/.test(parts[1] as string);
  return file.imports.is(root, 'strings') || file.imports.is(root, 'strconv');
}

export function trivialReason(file: GoFile, input: TrivialInput): TrivialReason | null {
  const { signature, receiver } = input;
  const name = signature.name ?? '';
  const onlyString = signature.results.length === 1 && signature.results[0]?.type === 'string';
  if (
    receiver !== null &&
    ((STRINGERS.has(name) && signature.params.length === 0 && onlyString) || MARSHALER.test(name))
  ) {
    return 'stringer';
  }
  const returnsError = signature.results[signature.results.length - 1]?.type === 'error';
  const pureFormatting =
    !input.doesIo &&
    !returnsError &&
    input.calls.length > 0 &&
    input.calls.every((c) => isFormattingCall(file, c));
  // The shapes below are one statement long: no need to read longer bodies.
  if (input.statements > 1) return pureFormatting ? 'pure-formatting' : null;
  const body = withoutComments(input.body).trim();
  if (/^\{\s*\}$/.test(body)) return 'empty';
  if (input.statements === 1) {
    const statement = body.slice(1, -1).trim();
    if (receiver !== null && GETTER.exec(statement)?.[1] === receiver) return 'getter';
    if (receiver !== null && SETTER.exec(statement)?.[1] === receiver && !input.doesIo) return 'setter';
    if (receiver === null && /^[Nn]ew/.test(name) && STRUCT_LITERAL_RETURN.test(statement))
      return 'assign-only-constructor';
  }
  return pureFormatting ? 'pure-formatting' : null;
}

const TEST_LIKE = /^(Test|Benchmark|Example|Fuzz)(?![\p{Ll}])/u;

export function exclusionOf(name: string, isMethod: boolean): { reason: string } | null {
  if (!isMethod && name === 'main') return { reason: 'main function' };
  if (!isMethod && name === 'init') return { reason: 'init function' };
  if (TEST_LIKE.test(name)) return { reason: 'test, benchmark, example or fuzz function' };
  return null;
}
