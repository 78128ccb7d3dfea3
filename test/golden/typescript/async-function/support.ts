export interface Order {
  id: string;
  status: 'open' | 'shipped' | 'cancelled';
  totalMinor: number;
}

export interface Pool {
  query(sql: string, params: unknown[]): Promise<{ rows: Order[]; rowCount: number }>;
}
