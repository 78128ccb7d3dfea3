export interface StockDb {
  findLevel(sku: string): number | undefined;
  updateLevel(sku: string, level: number): Promise<void>;
  countReservations(sku: string): Promise<number>;
}
