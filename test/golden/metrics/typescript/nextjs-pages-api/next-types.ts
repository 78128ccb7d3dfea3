// Just enough of next's API route types for the type check (no next dependency).
import type { EventEmitter } from 'node:events';

export interface NextApiRequest {
  method?: string;
  query: Partial<Record<string, string | string[]>>;
}

export interface NextApiResponse extends EventEmitter {
  statusCode: number;
  status(code: number): NextApiResponse;
  json(body: unknown): void;
  setHeader(name: string, value: string): NextApiResponse;
  end(): void;
}
