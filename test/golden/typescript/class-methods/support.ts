export interface Payment {
  id: string;
  chargeId: string;
  status: 'authorized' | 'captured';
}

export interface Gateway {
  capture(chargeId: string): Promise<void>;
}

export interface PaymentDb {
  findById(id: string): Promise<Payment | undefined>;
  save(payment: Payment): Promise<void>;
  count(): Promise<number>;
}
