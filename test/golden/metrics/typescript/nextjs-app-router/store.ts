// The route module's data source; the runtime test swaps in its own.
export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

export interface OrderStore {
  find(id: string): Promise<Order | undefined>;
  update(id: string, changes: { quantity?: number }): Promise<Order | undefined>;
}

export const orders: { store: OrderStore } = {
  store: {
    find: async () => undefined,
    update: async () => undefined,
  },
};
