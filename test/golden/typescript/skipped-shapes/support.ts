export interface FeedDb {
  connect(): Promise<void>;
  page(cursor: number): Promise<{ items: string[]; next: number | null }>;
}
