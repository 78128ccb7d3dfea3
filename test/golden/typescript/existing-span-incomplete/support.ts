export interface Carrier {
  createLabel(orderId: string): Promise<{ id: string } | null>;
  getStatus(parcelId: string): Promise<string>;
}
