// Spreads facts extraction over worker threads (tree-sitter parsing is CPU-bound and the adapters are
// pure), falling back to this thread when there is little work or no compiled worker to start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../lang/facts.js';
import { loadAdaptersFor } from '../lang/registry.js';
import { type ExtractResult, extract } from './extract.js';

/**
 * Below this much source, workers cost more than they save: each starts cold (grammars loaded, the
 * adapters' code interpreted until V8 warms it up again), and measured on 2 cores the Python standard
 * library (11 MB) audits faster on one thread while the Go standard library (40 MB) gains a third.
 */
const MIN_CHARS_FOR_WORKERS = Number(process.env.OTELWRIGHT_WORKER_MIN_CHARS ?? 16 * 1024 * 1024);
const BATCH_BYTES = 512 * 1024;

function workerScript(): string | null {
  const path = fileURLToPath(new URL('./facts-worker.js', import.meta.url));
  return existsSync(path) ? path : null;
}

function batches(files: readonly SourceFile[]): SourceFile[][] {
  const out: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let bytes = 0;
  for (const f of files) {
    current.push(f);
    bytes += f.text.length;
    if (bytes >= BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

export async function extractAll(files: readonly SourceFile[], jobs: number): Promise<ExtractResult[]> {
  const script = workerScript();
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  if (jobs <= 1 || chars < MIN_CHARS_FOR_WORKERS || !script) {
    await loadAdaptersFor(files.map((f) => f.path));
    return files.map(extract);
  }

  // Largest files first so no worker is left with one huge file at the end.
  const order = files.map((f, i) => ({ f, i })).sort((a, b) => b.f.text.length - a.f.text.length);
  const queue = batches(order.map((o) => o.f));
  const indexOf = new Map(order.map((o, k) => [k, o.i]));
  const results: ExtractResult[] = new Array(files.length);
  let next = 0;
  let offset = 0;
  const offsets = queue.map((b) => {
    const start = offset;
    offset += b.length;
    return start;
  });

  const workerCount = Math.min(jobs, queue.length);
  await Promise.all(
    Array.from(
      { length: workerCount },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script);
          const send = () => {
            if (next >= queue.length) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const id = next++;
            worker.postMessage({ id, files: queue[id] });
          };
          worker.on('message', (msg: { id: number; results: ExtractResult[] }) => {
            const base = offsets[msg.id] ?? 0;
            msg.results.forEach((r, k) => {
              results[indexOf.get(base + k) ?? 0] = r;
            });
            send();
          });
          worker.on('error', (err: unknown) =>
            reject(err instanceof Error ? err : new Error(`a facts worker failed: ${JSON.stringify(err)}`)),
          );
          send();
        }),
    ),
  );
  return results;
}
