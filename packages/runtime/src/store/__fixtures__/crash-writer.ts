// Child process for the crash test: writes samples forever, printing `begin <ids>` before each
// write and `commit <ids>` after it resolves, until the parent kills it with SIGKILL.
// Usage: jiti crash-writer.ts <data dir> <round>
import { contentDedupeKey } from '../dedupe-key';
import { openSampleStore } from '../open-sample-store';
import { makeSample } from './make-sample';

const [dir, round] = process.argv.slice(2);
const store = await openSampleStore({ dir: dir! });
let n = 0;
const nextId = () => `r${round}-${n++}`;
const tags = ['a', 'b', 'c', 'd'];
process.stdout.write('ready\n');
for (;;) {
  const size = Math.random() < 0.4 ? 1 : 2 + Math.floor(Math.random() * 40);
  const batch = Array.from({ length: size }, () => {
    const id = nextId();
    return makeSample({
      id,
      input: `round${'abcdefghij'[Number(round)]}x question ${id} ${'padding '.repeat(Math.floor(Math.random() * 200))}`,
      tags: tags.filter(() => Math.random() < 0.5),
    });
  });
  const ids = batch.map((s) => s.id).join(',');
  process.stdout.write(`begin ${ids}\n`);
  if (size === 1) await store.insert(batch[0]!, { dedupeKey: contentDedupeKey(batch[0]!) });
  else await store.insertMany(batch, { dedupeKey: contentDedupeKey });
  process.stdout.write(`commit ${ids}\n`);
  if (Math.random() < 0.2) {
    await store.update(batch[0]!.id, { rating: 1 + Math.floor(Math.random() * 5), tags: ['rated'] });
  }
}
