// Just enough of Express's shapes for the type check (no express dependency).
import type { EventEmitter } from 'node:events';

export interface Request {
  method: string;
  params: Record<string, string | undefined>;
  body: unknown;
}

export interface Response extends EventEmitter {
  statusCode: number;
  status(code: number): Response;
  json(body: unknown): Response;
  sendStatus(code: number): Response;
}

export type Next = (err?: unknown) => void;
export type Handler = (req: Request, res: Response, next: Next) => unknown;

export interface App {
  get(path: string, handler: Handler): void;
  post(path: string, handler: Handler): void;
}

export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

export interface OrderStore {
  get(id: string): Promise<Order | undefined>;
  create(input: { sku: string; quantity: number }): Promise<Order>;
}
