// Which local name each imported package goes by in this file, so `otelcodes.Error`, `sdktrace` or a
// renamed `nethttp` are recognised exactly like the default names.

/** The packages whose identity changes what a call means. */
const KNOWN = {
  otel: (p) => p === 'go.opentelemetry.io/otel',
  trace: (p) => p === 'go.opentelemetry.io/otel/trace',
  codes: (p) => p === 'go.opentelemetry.io/otel/codes',
  attribute: (p) => p === 'go.opentelemetry.io/otel/attribute',
  metric: (p) => p === 'go.opentelemetry.io/otel/metric',
  semconv: (p) => p.startsWith('go.opentelemetry.io/otel/semconv'),
  otelhttp: (p) => p.endsWith('/otelhttp'),
  otelgin: (p) => p.endsWith('/otelgin'),
  otelmux: (p) => p.endsWith('/otelmux'),
  otelecho: (p) => p.endsWith('/otelecho'),
  otelchi: (p) => p.endsWith('/otelchi'),
  otelgrpc: (p) => p.endsWith('/otelgrpc'),
  otelfiber: (p) => p.endsWith('/otelfiber'),
  otelsql: (p) => p.endsWith('/otelsql'),
  http: (p) => p === 'net/http',
  context: (p) => p === 'context',
  fmt: (p) => p === 'fmt',
  strings: (p) => p === 'strings',
  strconv: (p) => p === 'strconv',
  os: (p) => p === 'os',
  ioutil: (p) => p === 'io/ioutil',
  exec: (p) => p === 'os/exec',
  net: (p) => p === 'net',
  smtp: (p) => p === 'net/smtp',
  gin: (p) => p === 'github.com/gin-gonic/gin',
  echo: (p) => /^github\.com\/labstack\/echo(\/v\d+)?$/.test(p),
  fiber: (p) => /^github\.com\/gofiber\/fiber(\/v\d+)?$/.test(p),
  chi: (p) => /^github\.com\/go-chi\/chi(\/v\d+)?$/.test(p),
  gorillaMux: (p) => p === 'github.com/gorilla/mux',
} satisfies Record<string, (path: string) => boolean>;

export type KnownPackage = keyof typeof KNOWN;

/** The name a package is referred to by when imported without an alias: the last path element, minus version and `go-` decorations. */
export function defaultName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+(\.\d+)*$/.test(last) && parts.length > 1) last = parts[parts.length - 2] ?? last;
  return last
    .replace(/\.v\d+$/, '')
    .replace(/^go-/, '')
    .replace(/[-.]go$/, '')
    .replace(/[^\p{L}\p{Nd}_]/gu, '');
}

const SPEC = /(?:^|[\s(;])(?:([\p{L}_][\p{L}\p{Nd}_]*|\.)[ \t]+)?("[^"\n]*"|`[^`]*`)/gu;

export class Imports {
  /** local name → import path */
  private readonly byLocal = new Map<string, string>();

  /** Reads the specs of one `import` declaration's text. */
  add(declarationText: string): void {
    // Without the keyword: in `import "net/http"` the word `import` would read as an alias.
    const text = declarationText.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*import\b/, ' ');
    for (const m of text.matchAll(SPEC)) {
      const path = (m[2] as string).slice(1, -1);
      const alias = m[1];
      if (alias === '_' || alias === '.') continue;
      this.byLocal.set(alias ?? defaultName(path), path);
    }
  }

  /** True when `local` names an import of the known package `pkg`. */
  is(local: string, pkg: KnownPackage): boolean {
    const path = this.byLocal.get(local);
    return path !== undefined && KNOWN[pkg](path);
  }

  /** The local names the known package goes by (usually one, none when not imported). */
  namesOf(pkg: KnownPackage): string[] {
    const names: string[] = [];
    for (const [local, path] of this.byLocal) if (KNOWN[pkg](path)) names.push(local);
    return names;
  }

  /** True when any import path satisfies `test`. */
  anyPath(test: (path: string) => boolean): boolean {
    for (const path of this.byLocal.values()) if (test(path)) return true;
    return false;
  }

  /** True when `local` is an imported package name at all. */
  isPackage(local: string): boolean {
    return this.byLocal.has(local);
  }
}
