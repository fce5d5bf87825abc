/** mulberry32: the same seed gives the same text on every run and machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Okay, so the problem says Natalia sold clips to {a} of her friends in April.',
  'Let me compute {a} × {b} = {ab}, then subtract {b}: {ab} − {b} = {abmb}.',
  'Wait, is {a} < {b}? No, {a} > {b} is false only if… let me re-check.',
  'Hmm, maybe I should set up an equation: x + {a} = {b}, so x = {b} − {a}.',
  'Alternatively, think of it as {a} groups of {b}; that gives {ab} in total.',
  'Double-check with the original statement: "half as many" means ÷ 2, so {a} / 2.',
  'In code this would be `if (x <= {a}) return <b>{b}</b>;` but that is beside the point.',
  'The ratio is {a}:{b}, roughly {ratio} — close enough, but let me be exact.',
  '所以答案是 {ab}。Let me verify once more 🤔 before answering.',
  'The tags <tool_call> and </thin are not markers here; only the closing tag ends thinking.',
];

function fill(template: string, random: () => number): string {
  const a = 2 + Math.floor(random() * 97);
  const b = 2 + Math.floor(random() * 97);
  return template
    .replaceAll('{ab}', String(a * b))
    .replaceAll('{abmb}', String(a * b - b))
    .replaceAll('{ratio}', (a / b).toFixed(3))
    .replaceAll('{a}', String(a))
    .replaceAll('{b}', String(b));
}

/**
 * A DeepSeek-R1-style output of about `size` UTF-16 code units, generated deterministically: long
 * reasoning (the chat template opened `<think>`, so the output has only `</think>`), then an
 * answer about a tenth as long. It holds `<`, look-alike partial tags, CJK and astral characters.
 */
export function r1Corpus(size: number, seed = 42): string {
  const random = seeded(seed);
  const paragraph = () => {
    const parts: string[] = [];
    const n = 3 + Math.floor(random() * 5);
    for (let i = 0; i < n; i++)
      parts.push(fill(SENTENCES[Math.floor(random() * SENTENCES.length)] as string, random));
    return parts.join(' ');
  };
  const reasoning: string[] = [];
  let length = 0;
  while (length < size * 0.9) {
    const p = paragraph();
    reasoning.push(p);
    length += p.length + 2;
  }
  const answer: string[] = [];
  while (length < size) {
    const p = `- ${paragraph()}`;
    answer.push(p);
    length += p.length + 1;
  }
  return `${reasoning.join('\n\n')}\n</think>\n\n**Answer**\n${answer.join('\n')}\n`;
}

/** Cuts `text` into chunks of `min`..`max` code units (deterministic). */
export function chunkText(text: string, min: number, max: number, seed = 7): string[] {
  const random = seeded(seed);
  const chunks: string[] = [];
  for (let pos = 0; pos < text.length; ) {
    const size = min + Math.floor(random() * (max - min + 1));
    chunks.push(text.slice(pos, pos + size));
    pos += size;
  }
  return chunks;
}
