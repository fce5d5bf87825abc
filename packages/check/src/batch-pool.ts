import { Worker } from 'node:worker_threads';
import type { BatchConfig, BatchResult } from './process-batch';

interface Job {
  id: number;
  buf: Buffer;
  resolve: (result: BatchResult) => void;
  reject: (error: unknown) => void;
}

/** Worker reply: the batch result, or the error the worker hit. */
export type WorkerReply =
  | { id: number; result: BatchResult; buffer: ArrayBuffer }
  | { id: number; error: string };
/** Worker request: a batch of whole lines, its ArrayBuffer transferred. */
export interface WorkerRequest {
  id: number;
  buffer: ArrayBuffer;
  length: number;
}

/** A fixed set of check workers; each batch goes to the next idle worker, its buffer transferred. */
export class BatchPool {
  readonly #idle: Worker[] = [];
  readonly #workers: Worker[] = [];
  readonly #queue: Job[] = [];
  readonly #running = new Map<number, { job: Job; worker: Worker }>();
  #nextId = 0;
  #failure: unknown = null;

  /** `onBuffer` receives each batch buffer back once its worker is done with it. */
  constructor(
    url: URL,
    count: number,
    config: BatchConfig,
    readonly onBuffer: (buffer: ArrayBuffer) => void = () => {},
  ) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url, { workerData: config });
      worker.on('message', (reply: WorkerReply) => this.#onReply(worker, reply));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && this.#failure === null)
          this.#fail(new Error(`check worker exited with code ${code}`));
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  run(buf: Buffer): Promise<BatchResult> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, buf, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('check pool closed');
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker;
      const job = this.#queue.shift() as Job;
      this.#running.set(job.id, { job, worker });
      const { buf } = job;
      if (buf.byteOffset !== 0) throw new Error('batch buffers must start at offset 0');
      const request: WorkerRequest = { id: job.id, buffer: buf.buffer as ArrayBuffer, length: buf.length };
      worker.postMessage(request, [request.buffer]);
    }
  }

  #onReply(worker: Worker, reply: WorkerReply): void {
    const running = this.#running.get(reply.id);
    if (!running) return;
    this.#running.delete(reply.id);
    this.#idle.push(worker);
    if ('error' in reply) running.job.reject(new Error(`check worker failed: ${reply.error}`));
    else {
      this.onBuffer(reply.buffer);
      running.job.resolve(reply.result);
    }
    this.#dispatch();
  }

  #fail(error: unknown): void {
    if (this.#failure !== null) return;
    this.#failure = error;
    for (const { job } of this.#running.values()) job.reject(error);
    for (const job of this.#queue) job.reject(error);
    this.#running.clear();
    this.#queue.length = 0;
  }
}
