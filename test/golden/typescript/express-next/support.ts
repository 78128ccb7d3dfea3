// The slice of Express's types the controllers use (the golden project does not install express).
export interface Request {
  params: Record<string, string | undefined>;
  body: unknown;
}

export interface Response {
  status(code: number): Response;
  json(body: unknown): Response;
  end(): Response;
}

export type NextFunction = (err?: unknown) => void;

export interface Order {
  id: string;
  item: string;
  status: 'open' | 'cancelled';
}

export interface OrderStore {
  findById(id: string): Promise<Order | undefined>;
  save(order: Order): Promise<void>;
  cancel(id: string): Promise<void>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const store: OrderStore = {
  findById: async () => undefined,
  save: async () => {},
  cancel: async () => {},
};
