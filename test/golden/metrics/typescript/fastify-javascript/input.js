import Fastify from 'fastify';

const app = Fastify();

app.get('/items/:id', async (request, reply) => {
  const item = await request.server.items.get(request.params.id);
  if (!item) return reply.code(404).send();
  return item;
});

export default app;
