export interface Inventory {
  release(sku: string, quantity: number): Promise<number>;
}
