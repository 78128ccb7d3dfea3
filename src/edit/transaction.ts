// All-or-nothing changes to a set of files. Every file's original bytes are kept (in memory, and on disk
// beside the file until the transaction ends, so even a killed process leaves a way back) and restored
// exactly on rollback, on an exception, or on Ctrl-C.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits } from './apply-text.js';
import type { FileEdits } from './model.js';
import { encodeLike, readTextFile, type TextFile, writeAtomic } from './text-file.js';

interface Touched {
  file: TextFile;
  backup: string;
}

export class Transaction {
  private readonly touched = new Map<string, Touched>();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.rollback();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  private open = true;

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** New text of a file given its current (possibly already edited) text. */
  read(path: string): TextFile {
    return readTextFile(path);
  }

  /** Applies one file's edits and writes it atomically, keeping the original for rollback. */
  apply(change: FileEdits): void {
    if (!this.open) throw new Error('transaction already finished');
    this.track(change.path);
    const current = readTextFile(change.path);
    const next = applyEdits(change.path, current.text, change.edits);
    if (next === current.text) return;
    writeAtomic(change.path, encodeLike(current, next), current.mode);
  }

  /** Snapshots a file an external tool is about to change (go.mod under `go get`), for rollback. */
  track(path: string): void {
    if (!this.open) throw new Error('transaction already finished');
    if (this.touched.has(path) || !existsSync(path)) return;
    const current = readTextFile(path);
    const backup = join(dirname(path), `.${basename(path)}.otelwright-backup`);
    writeFileSync(backup, current.original, { mode: current.mode });
    this.touched.set(path, { file: current, backup });
  }

  /** Writes a whole new text (after a formatter, say) in the file's own style. */
  replace(path: string, text: string): void {
    const current = readTextFile(path);
    this.apply({ path, edits: [{ start: 0, end: current.text.length, text }] });
  }

  files(): string[] {
    return [...this.touched.keys()].sort();
  }

  /** Restores the given files (default: all) to their original bytes. */
  restore(paths: readonly string[] = this.files()): void {
    for (const path of paths) {
      const t = this.touched.get(path);
      if (!t) continue;
      writeAtomic(path, t.file.original, t.file.mode);
      rmSync(t.backup, { force: true });
      this.touched.delete(path);
    }
  }

  rollback(): void {
    this.restore();
    this.finish();
  }

  /** Keeps what was written and removes the backups. */
  commit(): void {
    for (const t of this.touched.values()) if (existsSync(t.backup)) rmSync(t.backup, { force: true });
    this.touched.clear();
    this.finish();
  }

  private finish(): void {
    this.open = false;
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }
}
