import type { User, UserDb } from './support.js';

export function getUser(db: UserDb, userId: string): Promise<User> {
  if (!userId) throw new TypeError('userId is required');
  return db.findUser(userId).then((user) => {
    if (!user) throw new Error(`no user ${userId}`);
    return user;
  });
}
