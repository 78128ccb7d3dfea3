export interface Order {
  id: string;
  status: string;
}

export interface OrderDb {
  get(orderId: string): Promise<Order | undefined>;
}

export interface Carrier {
  track(parcelId: string): Promise<string>;
}
