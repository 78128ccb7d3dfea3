// Worker-thread entry: receives batches of source files, answers with their facts.
import { parentPort } from 'node:worker_threads';
import type { SourceFile } from '../lang/facts.js';
import { extract } from './extract.js';

parentPort?.on('message', (batch: { id: number; files: SourceFile[] }) => {
  parentPort?.postMessage({ id: batch.id, results: batch.files.map(extract) });
});
