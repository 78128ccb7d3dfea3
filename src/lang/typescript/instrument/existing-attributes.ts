// Adds the required attributes a `missing_attributes` gap names to the start options of the function's
// existing span: into its `attributes: { ... }`, as a new `attributes` property, or as a new options
// argument (`startActiveSpan(name, { attributes }, fn)`).
import type Parser from 'tree-sitter';
import type { TextEdit } from '../../../edit/model.js';
import { propertyKey } from '../syntax.js';
import type { AttributeValue, RequiredAttributes } from './attributes.js';
import { emptyPlan, type FunctionContext, type FunctionPlan, skips } from './planner.js';
import { indentAt, literalRanges, reindentEdits, Shift } from './reindent.js';
import { spanCallAt } from './span-call.js';
import { type CodeStyle, quoted } from './style.js';

type Node = Parser.SyntaxNode;

export function addSpanAttributes(ctx: FunctionContext, required: RequiredAttributes): FunctionPlan {
  const { target, style } = ctx;
  const text = ctx.request.text;
  const gap = target.gaps.find((g) => g.gap_type === 'missing_attributes');
  const missing = new Set(gap?.details ?? []);
  const values = required.values.filter((v) => missing.has(v.key));
  const unfilled = required.unfilled.filter((u) => missing.has(u.key));
  const skipped = unfilled.map((u) => ({
    function: target.fn.qualifiedName,
    line: target.fn.line,
    gapType: 'missing_attributes' as const,
    reason: u.reason,
  }));
  if (values.length === 0)
    return emptyPlan(
      ctx,
      skipped.length > 0
        ? skipped
        : skips(target, 'no value is known for the missing attributes', ['missing_attributes']),
    );
  const span = target.fn.spans[0];
  const call = span ? spanCallAt(ctx.node, span.line, span.column) : null;
  const args = call?.childForFieldName('arguments');
  if (!call || !args || args.type !== 'arguments')
    return emptyPlan(
      ctx,
      skips(target, 'the span start was not found in the parsed file', ['missing_attributes']),
    );
  const edits = attributeEdits(args, span?.api === 'ts:startActiveSpan', values, style, text);
  if (typeof edits === 'string')
    return emptyPlan(ctx, [...skipped, ...skips(target, edits, ['missing_attributes'])]);
  return {
    edits: () => edits,
    planned: {
      function: target.fn.qualifiedName,
      line: target.fn.line,
      gapTypes: ['missing_attributes'],
      summary:
        `attributes ${values.map((v) => v.key).join(', ')} added to span ${span?.nameText ?? ''}`.trim(),
    },
    skipped,
    needs: { statusCode: false, tracer: false },
  };
}

function attributeEdits(
  args: Node,
  active: boolean,
  values: AttributeValue[],
  style: CodeStyle,
  text: string,
): TextEdit[] | string {
  const list = args.namedChildren.filter((c) => c.type !== 'comment');
  const name = list[0];
  if (!name) return 'the span start has no name argument';
  // startActiveSpan(name, fn): the callback is last; the options come second when there are more.
  const options = active ? (list.length > 2 ? list[1] : undefined) : list[1];
  const pairs = (indent: string | null) =>
    values.map((v) => `${quoted(v.key, style)}: ${v.value}`).join(indent === null ? ', ' : `,\n${indent}`);
  if (!options) {
    const inserted = `, { attributes: { ${pairs(null)} } }`;
    const callback = list[list.length - 1];
    const line = lineAround(text, name.endIndex);
    const inline = [{ start: name.endIndex, end: name.endIndex, text: inserted }];
    if (line.length + inserted.length <= style.lineWidth) return inline;
    if (!active) {
      // startSpan(name, {\n  attributes: { ... },\n}): the options object laid out over lines.
      const base = indentAt(text, name.startIndex);
      const comma = style.trailingCommas === 'none' ? '' : ',';
      return [
        {
          start: name.endIndex,
          end: name.endIndex,
          text: `, {\n${base}${style.indent}attributes: { ${pairs(null)} }${comma}\n${base}}`,
        },
      ];
    }
    if (!callback || callback === name) return inline;
    return brokenArguments(args, name, `{ attributes: { ${pairs(null)} } }`, callback, style, text);
  }
  if (options.type !== 'object')
    return 'the span options are not an object literal; add the attributes by hand';
  const attributes = options.namedChildren.find(
    (c) => c.type === 'pair' && propertyKey(c.childForFieldName('key') as Node).text === 'attributes',
  );
  const value = attributes?.childForFieldName('value');
  if (!attributes || !value) return appendMembers(options, [`attributes: { ${pairs(null)} }`], style, text);
  if (value.type === 'object')
    return appendMembers(
      value,
      values.map((v) => `${quoted(v.key, style)}: ${v.value}`),
      style,
      text,
    );
  return [{ start: value.startIndex, end: value.endIndex, text: `{ ...${value.text}, ${pairs(null)} }` }];
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * `startActiveSpan(name, (span) => {...})` whose first line would grow too long: one argument per line,
 * the callback one level deeper, as Prettier lays out a call it must break.
 */
function brokenArguments(
  args: Node,
  name: Node,
  options: string,
  callback: Node,
  style: CodeStyle,
  text: string,
): TextEdit[] {
  const base = indentAt(text, args.startIndex);
  const inner = base + style.indent;
  const comma = style.trailingCommas === 'all' ? ',' : '';
  return [
    { start: args.startIndex + 1, end: name.startIndex, text: `\n${inner}` },
    { start: name.endIndex, end: callback.startIndex, text: `,\n${inner}${options},\n${inner}` },
    ...reindentEdits(
      text,
      callback.startIndex,
      callback.endIndex,
      new Shift(base, inner),
      literalRanges(callback),
    ),
    { start: callback.endIndex, end: args.endIndex - 1, text: `${comma}\n${base}` },
  ];
}

/** Adds members at the end of an object literal, one per line when it is written one per line. */
function appendMembers(object: Node, members: string[], style: CodeStyle, text: string): TextEdit[] {
  const items = object.namedChildren.filter((c) => c.type !== 'comment');
  const last = items[items.length - 1];
  const close = object.endIndex - 1;
  if (!last) return [{ start: object.startIndex + 1, end: close, text: ` ${members.join(', ')} ` }];
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  if (object.startPosition.row === object.endPosition.row) {
    const at = comma ? comma.endIndex : last.endIndex;
    return [{ start: at, end: at, text: `${comma ? '' : ','} ${members.join(', ')}` }];
  }
  const indent = indentAt(text, last.startIndex);
  const trailing = comma !== null || style.trailingCommas !== 'none';
  const body = members.map((m) => `\n${indent}${m}`).join(',');
  const at = comma ? comma.endIndex : last.endIndex;
  return [{ start: at, end: at, text: `${comma ? '' : ','}${body}${trailing ? ',' : ''}` }];
}
