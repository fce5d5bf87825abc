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
  | { ready: true }
  | { id: number; result: BatchResult; buffer: ArrayBuffer }
  | { id: number; error: string };
/** Worker request: a batch of whole lines, its ArrayBuffer transferred. */
export interface WorkerRequest {
  id: number;
  buffer: ArrayBuffer;
  length: number;
}

/**
 * A fixed set of check workers; each batch goes to the least busy worker, its buffer transferred.
 * A worker is given up to `depth` batches at once (they wait in its message queue), so that it
 * starts on the next batch as soon as it is done, without waiting for this thread to answer.
 */
export class BatchPool {
  readonly #workers: Worker[] = [];
  /** Batches posted to each worker and not yet answered; -1 until the worker has loaded. */
  readonly #busy: number[] = [];
  readonly #queue: Job[] = [];
  readonly #running = new Map<number, { job: Job; worker: number }>();
  #nextId = 0;
  #failure: unknown = null;

  /** `onBuffer` receives each batch buffer back once its worker is done with it. */
  constructor(
    url: URL,
    count: number,
    config: BatchConfig,
    readonly onBuffer: (buffer: ArrayBuffer) => void = () => {},
    readonly depth = 2,
  ) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url, { workerData: config });
      const index = i;
      worker.on('message', (reply: WorkerReply) => this.#onReply(index, reply));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && this.#failure === null)
          this.#fail(new Error(`check worker exited with code ${code}`));
      });
      this.#workers.push(worker);
      this.#busy.push(-1);
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
    while (this.#queue.length > 0) {
      let worker = -1;
      for (let i = 0; i < this.#busy.length; i++) {
        const busy = this.#busy[i] as number;
        if (busy >= 0 && busy < this.depth && (worker === -1 || busy < (this.#busy[worker] as number)))
          worker = i;
      }
      if (worker === -1) return;
      this.#busy[worker] = (this.#busy[worker] as number) + 1;
      const job = this.#queue.shift() as Job;
      this.#running.set(job.id, { job, worker });
      const { buf } = job;
      if (buf.byteOffset !== 0) throw new Error('batch buffers must start at offset 0');
      const request: WorkerRequest = { id: job.id, buffer: buf.buffer as ArrayBuffer, length: buf.length };
      (this.#workers[worker] as Worker).postMessage(request, [request.buffer]);
    }
  }

  /** Whether a loaded worker could take another batch now. */
  hasCapacity(): boolean {
    return this.#queue.length === 0 && this.#busy.some((n) => n >= 0 && n < this.depth);
  }

  #onReply(worker: number, reply: WorkerReply): void {
    if ('ready' in reply) {
      this.#busy[worker] = 0;
      this.#dispatch();
      return;
    }
    const running = this.#running.get(reply.id);
    if (!running) return;
    this.#running.delete(reply.id);
    this.#busy[running.worker] = (this.#busy[running.worker] as number) - 1;
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
