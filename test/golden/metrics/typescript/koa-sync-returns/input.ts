import type Router from '@koa/router';

export interface Item {
  id: string;
  name: string;
}

export interface Items {
  load(id: string): Promise<Item | undefined>;
}

// Koa middleware that is not async: it returns the promise the store or the next middleware returns.
export default function registerItemRoutes(router: Router, items: Items): void {
  router.get('/items/:id', (ctx) => {
    const id = ctx.params.id ?? '';
    if (id.length > 8) ctx.throw(400, 'id too long');
    return items.load(id).then((item) => {
      if (!item) ctx.throw(404, 'item not found');
      ctx.body = item;
    });
  });

  router.get('/items', (ctx, next) => next());
}
