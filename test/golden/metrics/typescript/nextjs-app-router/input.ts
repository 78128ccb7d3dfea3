import { NextResponse, notFound, redirect } from './next-server.js';
import { orders } from './store.js';

interface RouteContext {
  params: Promise<{ id: string }>;
}

export async function GET(request: Request, { params }: RouteContext) {
  const { id } = await params;
  if (id === 'latest') redirect('/api/orders/ord-1');
  const order = await orders.store.find(id);
  if (!order) {
    return NextResponse.json({ error: 'order not found' }, { status: 404 });
  }
  return NextResponse.json(order);
}

export async function PATCH(request: Request, context: RouteContext) {
  const { id } = await context.params;
  const changes = (await request.json()) as { quantity?: number };
  if (changes.quantity !== undefined && changes.quantity <= 0)
    return NextResponse.json({ error: 'quantity must be positive' }, { status: 422 });
  const updated = await orders.store.update(id, changes);
  if (!updated) notFound();
  const response = NextResponse.json(updated);
  response.headers.set('cache-control', 'no-store');
  return response;
}

export const OPTIONS = () => new Response(null, { status: 204, headers: { allow: 'GET, PATCH, OPTIONS' } });
