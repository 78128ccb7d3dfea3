import type { StockDb } from './support.js';

export const reserveStock = async (db: StockDb, sku: string, quantity: number) => {
  const level = db.findLevel(sku) ?? 0;
  if (level < quantity) {
    throw new RangeError(`only ${level} of ${sku} left`);
  }
  await db.updateLevel(sku, level - quantity);
  return level - quantity;
};

export const findLevel = (db: StockDb, sku: string) => db.findLevel(sku);

export const countReservations = async (db: StockDb, sku: string): Promise<number> =>
  db.countReservations(sku);
