import type { Inventory } from './support.js';

export async function releaseStock(inventory: Inventory, sku: string, quantity: number): Promise<number> {
  if (quantity <= 0) {
    throw new RangeError('quantity must be positive');
  }
  return inventory.release(sku, quantity);
}
