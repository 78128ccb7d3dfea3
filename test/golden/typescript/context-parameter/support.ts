export interface Queue {
  publish(topic: string, body: string, headers: Record<string, string>): Promise<void>;
}
