// Facts cache: one file per audit root, read once and written once (atomically), so an unchanged re-run
// costs a stat per file instead of a parse. Entries are keyed by a hash of everything facts depend on
// (adapter version, hints, content); the stat manifest only lets us skip reading files that did not change.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts } from '../lang/facts.js';

const FORMAT = 1;

interface Stamp {
  size: number;
  mtimeMs: number;
  /** What else the facts depend on (adapter version, package hints), joined. */
  parts: string;
  key: string;
}

interface CacheFile {
  format: number;
  toolVersion: string;
  manifest: Map<string, Stamp>;
  facts: Map<string, FileFacts>;
}

export class FactsCache {
  private readonly manifest: Map<string, Stamp>;
  private readonly facts: Map<string, FileFacts>;
  private readonly used = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly dir: string | null,
    private readonly toolVersion: string,
    loaded: CacheFile | null,
  ) {
    this.manifest = loaded?.manifest ?? new Map();
    this.facts = loaded?.facts ?? new Map();
  }

  /** A cache that remembers nothing (`--no-cache`). */
  static disabled(toolVersion: string): FactsCache {
    return new FactsCache(null, toolVersion, null);
  }

  /** Opens the cache in `dir`; a missing, corrupt or other-version cache file starts empty. */
  static open(dir: string, toolVersion: string): FactsCache {
    let loaded: CacheFile | null = null;
    try {
      const data = deserialize(readFileSync(join(dir, 'facts.bin'))) as CacheFile;
      if (data.format === FORMAT && data.toolVersion === toolVersion) loaded = data;
    } catch {
      loaded = null;
    }
    return new FactsCache(dir, toolVersion, loaded);
  }

  static key(parts: string, text: string): string {
    return createHash('sha1').update(parts).update('\0').update(text).digest('hex');
  }

  /** Facts for an unchanged file (same path, size, mtime and hint parts), without reading it. */
  byStamp(absPath: string, size: number, mtimeMs: number, parts: string): FileFacts | null {
    const stamp = this.manifest.get(absPath);
    if (!stamp || stamp.size !== size || stamp.mtimeMs !== mtimeMs || stamp.parts !== parts) return null;
    const facts = this.facts.get(stamp.key);
    if (!facts) return null;
    this.used.add(stamp.key);
    return facts;
  }

  byKey(key: string): FileFacts | null {
    const facts = this.facts.get(key) ?? null;
    if (facts) this.used.add(key);
    return facts;
  }

  store(absPath: string, size: number, mtimeMs: number, parts: string, key: string, facts: FileFacts): void {
    if (!this.dir) return;
    this.manifest.set(absPath, { size, mtimeMs, parts, key });
    this.facts.set(key, facts);
    this.used.add(key);
    this.dirty = true;
  }

  /** Stamp a file whose facts came from the cache by content (touched but unchanged). */
  restamp(absPath: string, size: number, mtimeMs: number, parts: string, key: string): void {
    if (!this.dir) return;
    this.manifest.set(absPath, { size, mtimeMs, parts, key });
    this.dirty = true;
  }

  /** Writes the cache, dropping entries this run did not use so it cannot grow without bound. */
  save(): void {
    if (!this.dir || !this.dirty) return;
    for (const key of [...this.facts.keys()]) if (!this.used.has(key)) this.facts.delete(key);
    for (const [path, stamp] of [...this.manifest]) if (!this.facts.has(stamp.key)) this.manifest.delete(path);
    mkdirSync(this.dir, { recursive: true });
    // Like Ruff's cache: ignore ourselves so the cache never ends up in a commit.
    writeFileSync(join(this.dir, '.gitignore'), '*\n');
    const file: CacheFile = { format: FORMAT, toolVersion: this.toolVersion, manifest: this.manifest, facts: this.facts };
    const tmp = join(this.dir, `facts.bin.${process.pid}.tmp`);
    writeFileSync(tmp, serialize(file));
    renameSync(tmp, join(this.dir, 'facts.bin'));
  }
}
