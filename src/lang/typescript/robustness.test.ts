import { describe, expect, it } from 'vitest';
import { factsOf, names } from './__fixtures__/facts.js';

describe('typescript adapter: odd input', () => {
  it('returns empty facts for empty files and files of comments', () => {
    for (const text of ['', '\n\n', '// only a comment\n/* and another */']) {
      const facts = factsOf(text);
      expect([facts.functions, facts.parseErrors, facts.routes, facts.generated]).toEqual([
        [],
        [],
        [],
        false,
      ]);
    }
  });

  it('reports syntax errors as positions and still returns the facts it can', () => {
    const facts = factsOf(
      'export async function ok() { await fetch("x"); }\nexport function broken( {\n  let x = ;\n',
    );
    expect(facts.parseErrors.length).toBeGreaterThan(0);
    expect(facts.parseErrors[0]).toEqual({ line: 2, column: expect.any(Number) });
    expect(names(facts)).toContain('ok');
  });

  it('reports a missing token as a syntax error', () => {
    const facts = factsOf('export function f() { return g(1, 2; }');
    expect(facts.parseErrors).not.toEqual([]);
  });

  it('survives deep nesting', () => {
    const deep = `export async function f() {${'if (a) {'.repeat(2000)} await fetch('x'); ${'}'.repeat(2000)} }`;
    const facts = factsOf(deep);
    expect(facts.functions[0]?.ioCalls).toEqual([{ callee: 'fetch', line: 1, kind: 'http' }]);
    const calls = `export function g() { return ${'a('.repeat(2000)}${')'.repeat(2000)}; }`;
    expect(factsOf(calls).functions[0]?.callCount).toBe(2000);
  });

  it('handles unicode identifiers and a byte-order mark', () => {
    const facts = factsOf(
      '\uFEFFimport { trace } from "@opentelemetry/api";\nexport async function bestellungÄndern(bestellungId: string) { await fetch("ü"); }',
    );
    expect(facts.functions.map((f) => [f.name, f.line, f.params[0]?.role])).toEqual([
      ['bestellungÄndern', 2, 'id'],
    ]);
  });

  it('handles JSX in .tsx and .jsx files and TypeScript casts in .ts files', () => {
    expect(
      factsOf('export const f = async () => { await fetch("x"); return <div />; };', 'a.tsx').parseErrors,
    ).toEqual([]);
    expect(
      factsOf('export const f = async () => { await fetch("x"); return <div />; };', 'a.jsx').parseErrors,
    ).toEqual([]);
    expect(factsOf('export const f = (x: unknown) => <string>x;', 'a.ts').parseErrors).toEqual([]);
  });

  it('is deterministic', () => {
    const text =
      'import express from "express";\nconst app = express();\napp.get("/a", async (req, res) => { await fetch("x"); });';
    expect(JSON.stringify(factsOf(text))).toBe(JSON.stringify(factsOf(text)));
  });
});
