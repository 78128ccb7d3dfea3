import type { FeedDb } from './support.js';

export class FeedReader {
  private readonly ready: Promise<void>;

  constructor(private readonly db: FeedDb) {
    this.ready = db.connect();
  }

  /** Every item of the feed, page by page: a span here would end at the first yield. */
  async *items(): AsyncGenerator<string> {
    await this.ready;
    for (let cursor: number | null = 0; cursor !== null; ) {
      const page = await this.db.page(cursor);
      yield* page.items;
      cursor = page.next;
    }
  }
}
