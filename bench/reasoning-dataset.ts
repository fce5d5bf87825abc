// A deterministic GSM8K-like reasoning dataset in Together's conversational format (assistant
// turns carry a `reasoning` field), written once per size and cached under bench/.data.
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');

/** Deterministic pseudo-random numbers (LCG), so the dataset is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = (
  'the of and to in is that for it as with was on be by this are which number step so then we ' +
  'answer total each minus plus times divide first second remaining left gives check wait again ' +
  'apples costs dollars hours minutes 12 7 45 3.5 x y = < > therefore 日本 数学 😀'
).split(' ');

function words(next: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++)
    out += `${WORDS[Math.floor(next() * WORDS.length)]}${next() < 0.08 ? '.\n' : ' '}`;
  return out;
}

/** Writes (once, cached under bench/.data) a GSM8K-like reasoning dataset of about `mb` MiB. */
export async function reasoningDataset(mb: number): Promise<string> {
  const file = path.join(dataDir, `check-reasoning-${mb}mb.jsonl`);
  if (existsSync(file)) return file;
  await mkdir(dataDir, { recursive: true });
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const next = random(20240501);
  const target = mb * 2 ** 20;
  let bytes = 0;
  for (let i = 0; bytes < target; i++) {
    const line = `${JSON.stringify({
      messages: [
        { role: 'system', content: 'You are a careful math tutor. Think step by step.' },
        { role: 'user', content: `Problem ${i}: ${words(next, 30 + Math.floor(next() * 60))}` },
        {
          role: 'assistant',
          content: `The answer is ${i % 97}.`,
          reasoning: words(next, 200 + Math.floor(next() * 1200)),
        },
      ],
    })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  renameSync(partial, file);
  return file;
}
