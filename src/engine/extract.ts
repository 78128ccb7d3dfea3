import type { FileFacts, SourceFile } from '../lang/facts.js';
import { loadedAdapterFor } from '../lang/registry.js';

export type ExtractResult = { ok: true; facts: FileFacts } | { ok: false; path: string; message: string };

/**
 * Facts for one file; an adapter failure becomes a reported problem, never a crashed audit. The file's
 * adapter must be loaded (`loadAdaptersFor`).
 */
export function extract(file: SourceFile): ExtractResult {
  const found = loadedAdapterFor(file.path);
  if (!found) return { ok: false, path: file.path, message: 'no language adapter claims this file' };
  try {
    return { ok: true, facts: found.adapter.extractFacts(file) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      path: file.path,
      message: `otelwright could not analyse this file (${message}); please report it`,
    };
  }
}
