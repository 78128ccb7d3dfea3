import type { NextApiRequest, NextApiResponse } from './next-types.js';

export interface Order {
  id: string;
  sku: string;
}

// The runtime test swaps in its own store.
export const orders = {
  find: async (_id: string): Promise<Order | undefined> => undefined,
  remove: async (_id: string): Promise<void> => {},
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = String(req.query.id);
  if (req.method === 'GET') {
    const order = await orders.find(id);
    if (!order) return res.status(404).json({ error: 'order not found' });
    return res.status(200).json(order);
  }
  if (req.method === 'DELETE') {
    await orders.remove(id);
    return res.status(204).end();
  }
  res.setHeader('Allow', 'GET, DELETE');
  res.status(405).end();
}
