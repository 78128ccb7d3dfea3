import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { User, UserDb } from './support.js';

const tracer = trace.getTracer('shop');

export function getUser(db: UserDb, userId: string): Promise<User> {
  return tracer.startActiveSpan(
    'shop.getUser',
    {
      attributes: {
        'service.operation': 'get_user',
        'business.entity_id': userId,
      },
    },
    async (span): Promise<User> => {
      try {
        if (!userId) throw new TypeError('userId is required');
        const result: User = await db.findUser(userId).then((user) => {
          if (!user) throw new Error(`no user ${userId}`);
          return user;
        });
        span.setAttribute('business.outcome', 'success');
        return result;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
