// Adapters are loaded on first use: each pulls in a tree-sitter grammar, which an audit answered from
// the cache never needs.
import type { LanguageAdapter } from './adapter.js';
import { type AdapterId, descriptorFor } from './catalog.js';
import type { Language } from './facts.js';

const loaded = new Map<AdapterId, LanguageAdapter>();

async function importAdapter(id: AdapterId): Promise<LanguageAdapter> {
  switch (id) {
    case 'go':
      return (await import('./go/adapter.js')).goAdapter;
    case 'typescript':
      return (await import('./typescript/adapter.js')).typescriptAdapter;
    case 'python':
      return (await import('./python/adapter.js')).pythonAdapter;
  }
}

export async function loadAdapter(id: AdapterId): Promise<LanguageAdapter> {
  let adapter = loaded.get(id);
  if (!adapter) {
    adapter = await importAdapter(id);
    loaded.set(id, adapter);
  }
  return adapter;
}

/** Loads the adapters for these paths, so that `loadedAdapterFor` can answer synchronously. */
export async function loadAdaptersFor(paths: Iterable<string>): Promise<void> {
  const ids = new Set<AdapterId>();
  for (const path of paths) {
    const found = descriptorFor(path);
    if (found) ids.add(found.descriptor.id);
  }
  await Promise.all([...ids].map(loadAdapter));
}

/** The adapter and language for a path; its adapter must have been loaded (see loadAdaptersFor). */
export function loadedAdapterFor(path: string): { adapter: LanguageAdapter; language: Language } | null {
  const found = descriptorFor(path);
  if (!found) return null;
  const adapter = loaded.get(found.descriptor.id);
  if (!adapter) throw new Error(`adapter ${found.descriptor.id} used before it was loaded`);
  return { adapter, language: found.language };
}
