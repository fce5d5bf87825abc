import type { BatchResultV1 } from '@distillery/core/contracts';
import type { BatchControlCall } from './batch-control-calls';
import { batchJsonlLines } from './batch-jsonl-lines';

/**
 * The results of a file-based batch API (OpenAI's, Together's): each of the output and error
 * files that exist, downloaded through `download` and read line by line as the bytes arrive.
 */
export async function* readBatchResultFiles<Client>(options: {
  call: BatchControlCall<Client>;
  fileIds: readonly (string | undefined)[];
  signal: AbortSignal | undefined;
  download: (
    client: Client,
    id: string,
    signal: AbortSignal,
  ) => Promise<{ body: ReadableStream<Uint8Array> | null }>;
  readLine: (line: unknown) => BatchResultV1 | undefined;
}): AsyncGenerator<BatchResultV1> {
  for (const id of options.fileIds) {
    if (!id) continue;
    const response = await options.call(`batch results file ${id}`, options.signal, (c, s) =>
      options.download(c, id, s),
    );
    for await (const raw of batchJsonlLines(response.body)) {
      const result = options.readLine(raw);
      if (result) yield result;
    }
  }
}
