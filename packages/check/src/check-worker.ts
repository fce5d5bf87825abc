import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './batch-pool';
import { type BatchConfig, processBatch } from './process-batch';

const config = workerData as BatchConfig;

parentPort?.postMessage({ ready: true } satisfies WorkerReply);

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result = processBatch(new Uint8Array(request.buffer, 0, request.length), config);
    reply = { id: request.id, result, buffer: request.buffer };
    parentPort?.postMessage(reply, [result.keys.buffer as ArrayBuffer, request.buffer]);
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    parentPort?.postMessage(reply);
  }
});
