// Worker-thread entry: receives batches of source files, answers with their facts.
import { parentPort } from 'node:worker_threads';
import type { SourceFile } from '../lang/facts.js';
import { loadAdaptersFor } from '../lang/registry.js';
import { type ExtractResult, extract } from './extract.js';

/** Facts must be plain data; an adapter bug that leaks a function must cost one file, not the audit. */
function cloneable(result: ExtractResult): ExtractResult {
  try {
    structuredClone(result);
    return result;
  } catch (err) {
    const path = result.ok ? result.facts.path : result.path;
    return {
      ok: false,
      path,
      message: `otelwright could not analyse this file (${(err as Error).message}); please report it`,
    };
  }
}

parentPort?.on('message', async (batch: { id: number; files: SourceFile[] }) => {
  await loadAdaptersFor(batch.files.map((f) => f.path));
  const results = batch.files.map(extract);
  try {
    parentPort?.postMessage({ id: batch.id, results });
  } catch {
    parentPort?.postMessage({ id: batch.id, results: results.map(cloneable) });
  }
});
