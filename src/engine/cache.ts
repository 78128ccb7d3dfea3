// Facts cache. Two files per cache directory, each read once and written atomically:
// - `manifest.bin` (small): a stat stamp per file (size, mtime, what else the facts depend on, and the
//   content key), plus the last run's report with the key of everything it was computed from;
// - `facts.bin` (large): FileFacts by content key, read only when some facts are actually needed.
// An unchanged re-run therefore costs a stat per file and one small read: no parse, no facts, no rules.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Report } from '../audit/model.js';
import type { FileFacts } from '../lang/facts.js';

const FORMAT = 2;

/** Stamp keys of files skipped on read (empty, binary, not UTF-8): they have no facts to keep. */
export const SKIP_KEY = 'skip:';

interface Stamp {
  size: number;
  mtimeMs: number;
  /** What else the facts depend on (adapter version, path, package hints), joined. */
  parts: string;
  key: string;
}

interface ManifestFile {
  format: number;
  toolVersion: string;
  stamps: Map<string, Stamp>;
  lastRun: { key: string; report: Report } | null;
}

interface FactsFile {
  format: number;
  toolVersion: string;
  facts: Map<string, FileFacts>;
}

function readBin<T extends { format: number; toolVersion: string }>(
  path: string,
  toolVersion: string,
): T | null {
  try {
    const data = deserialize(readFileSync(path)) as T;
    return data.format === FORMAT && data.toolVersion === toolVersion ? data : null;
  } catch {
    return null;
  }
}

function writeBin(dir: string, name: string, data: unknown): void {
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp, serialize(data));
  renameSync(tmp, join(dir, name));
}

export class FactsCache {
  private readonly stamps: Map<string, Stamp>;
  private lastRun: ManifestFile['lastRun'];
  private facts: Map<string, FileFacts> | null = null;
  private readonly used = new Set<string>();
  private factsDirty = false;
  private manifestDirty = false;

  private constructor(
    private readonly dir: string | null,
    private readonly toolVersion: string,
    manifest: ManifestFile | null,
  ) {
    this.stamps = manifest?.stamps ?? new Map();
    this.lastRun = manifest?.lastRun ?? null;
  }

  /** A cache that remembers nothing (`--no-cache`). */
  static disabled(toolVersion: string): FactsCache {
    return new FactsCache(null, toolVersion, null);
  }

  /** Opens the cache in `dir`; a missing, corrupt or other-version cache starts empty. */
  static open(dir: string, toolVersion: string): FactsCache {
    return new FactsCache(dir, toolVersion, readBin<ManifestFile>(join(dir, 'manifest.bin'), toolVersion));
  }

  static key(parts: string, text: string): string {
    return createHash('sha1').update(parts).update('\0').update(text).digest('hex');
  }

  private loadFacts(): Map<string, FileFacts> {
    if (!this.facts) {
      const loaded = this.dir ? readBin<FactsFile>(join(this.dir, 'facts.bin'), this.toolVersion) : null;
      this.facts = loaded?.facts ?? new Map();
    }
    return this.facts;
  }

  /** The content key of an unchanged file (same path, size, mtime and hint parts), without reading it. */
  keyByStamp(absPath: string, size: number, mtimeMs: number, parts: string): string | null {
    const stamp = this.stamps.get(absPath);
    if (!stamp || stamp.size !== size || stamp.mtimeMs !== mtimeMs || stamp.parts !== parts) return null;
    return stamp.key;
  }

  byKey(key: string): FileFacts | null {
    const facts = this.loadFacts().get(key) ?? null;
    if (facts) this.used.add(key);
    return facts;
  }

  store(absPath: string, size: number, mtimeMs: number, parts: string, key: string, facts: FileFacts): void {
    if (!this.dir) return;
    this.loadFacts().set(key, facts);
    this.used.add(key);
    this.factsDirty = true;
    this.restamp(absPath, size, mtimeMs, parts, key);
  }

  /** Stamp a file whose facts came from the cache by content (touched but unchanged). */
  restamp(absPath: string, size: number, mtimeMs: number, parts: string, key: string): void {
    if (!this.dir) return;
    this.stamps.set(absPath, { size, mtimeMs, parts, key });
    this.manifestDirty = true;
  }

  /** The report of the last run when it was computed from exactly the same inputs. */
  report(runKey: string): Report | null {
    return this.lastRun?.key === runKey ? this.lastRun.report : null;
  }

  rememberReport(runKey: string, report: Report): void {
    if (!this.dir || this.lastRun?.key === runKey) return;
    this.lastRun = { key: runKey, report };
    this.manifestDirty = true;
  }

  /** Writes what changed, dropping facts this run did not use so the cache cannot grow without bound. */
  save(): void {
    if (!this.dir || (!this.factsDirty && !this.manifestDirty)) return;
    mkdirSync(this.dir, { recursive: true });
    // Like Ruff's cache: ignore ourselves so the cache never ends up in a commit.
    writeFileSync(join(this.dir, '.gitignore'), '*\n');
    if (this.factsDirty && this.facts) {
      for (const key of [...this.facts.keys()]) if (!this.used.has(key)) this.facts.delete(key);
      writeBin(this.dir, 'facts.bin', {
        format: FORMAT,
        toolVersion: this.toolVersion,
        facts: this.facts,
      } satisfies FactsFile);
      for (const [path, stamp] of [...this.stamps]) {
        if (!stamp.key.startsWith(SKIP_KEY) && !this.facts.has(stamp.key)) this.stamps.delete(path);
      }
    }
    writeBin(this.dir, 'manifest.bin', {
      format: FORMAT,
      toolVersion: this.toolVersion,
      stamps: this.stamps,
      lastRun: this.lastRun,
    } satisfies ManifestFile);
  }
}
