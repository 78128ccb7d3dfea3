export interface Ledger {
  post(accountId: string, amountMinor: number): Promise<{ balanceMinor: number }>;
}
