export interface Job {
  id: string;
}

export class JobQueue {
  private readonly jobs: Job[] = [];

  constructor(readonly name: string) {}

  push(job: Job): void {
    this.jobs.push(job);
  }

  shift(): Job | undefined {
    return this.jobs.shift();
  }
}
