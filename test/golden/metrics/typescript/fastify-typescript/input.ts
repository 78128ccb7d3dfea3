import type { FastifyInstance } from './fastify.js';
import { HttpError } from './fastify.js';

export interface Inventory {
  find(id: string): Promise<{ id: string; stock: number } | undefined>;
  reserve(id: string, quantity: number): Promise<void>;
}

export default async function inventoryRoutes(app: FastifyInstance, inventory: Inventory): Promise<void> {
  app.get('/inventory/:itemId', async (request, reply) => {
    const item = await inventory.find(request.params.itemId ?? '');
    if (!item) {
      return reply.code(404).send({ error: 'not found' });
    }
    return item;
  });

  app.post('/inventory/:itemId/reservations', async (request, reply) => {
    const { quantity } = request.body as { quantity: number };
    if (quantity <= 0) throw new HttpError(422, 'quantity must be positive');
    await inventory.reserve(request.params.itemId ?? '', quantity);
    reply.code(201);
    return { reserved: quantity };
  });

  app.get('/inventory/:itemId/stock', async (request, reply) => inventory.find(request.params.itemId ?? ''));

  app.post('/inventory/:itemId/holds', async (request, reply) => {
    reply.code(202);
    return inventory.reserve(request.params.itemId ?? '', 1);
  });
}
