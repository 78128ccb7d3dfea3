export interface Sql {
  query(text: string, params: unknown[]): Promise<{ rows: { day: string; total: number }[] }>;
}
