import type { ChatRequestInfo } from './chat-request-info';
import type { ChatHandler } from './chat-script';
import type { MockReply } from './mock-reply';

/** A GSM8K problem as the mock knows it: the question and its final numeric answer. */
export interface Gsm8kProblem {
  question: string;
  /** The final answer, e.g. `18` (what follows `#### ` in GSM8K's answer field). */
  answer: string;
}

export interface Gsm8kAnswererOptions {
  problems: readonly Gsm8kProblem[];
  /** The chance each model answers a question correctly, by model id; other models always fail. */
  accuracy: Readonly<Record<string, number>>;
  /** Mixed into the per-question draw, so a test can pick another deterministic sample. Default `gsm8k`. */
  seed?: string;
  /** Token usage each reply reports (so tests know the exact cost). Default 100 in, 50 out. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Models that reason in a field (like DeepSeek-R1): their working goes to the reasoning field. */
  reasoningModels?: readonly string[];
  /** Delay of each reply, for tests that interrupt a run mid-way. */
  delayMs?: number;
}

export interface Gsm8kAnswerer {
  /** The chat handler to pass to `server.onChat`. */
  handler: ChatHandler;
  /** Whether `model` answers `question` correctly: fixed per (seed, model, question). */
  answersCorrectly(model: string, question: string): boolean;
  /** The problem a chat request asks, or undefined. */
  problemOf(info: Pick<ChatRequestInfo, 'lastUserText'>): Gsm8kProblem | undefined;
}

/** FNV-1a over UTF-16 code units: a fixed, portable hash, so draws never change between runs. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32), so nearby texts spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A wrong answer that is never the right one: the right one plus 1 to 9. */
function wrongAnswer(answer: string, draw: number): string {
  const value = Number(answer.replace(/,/g, ''));
  const offset = (draw % 9) + 1;
  return Number.isFinite(value) ? String(value + offset) : `${answer}${offset}`;
}

/**
 * A mock model family that answers GSM8K questions correctly with a known probability per model,
 * deterministically per question: each (seed, model, question) hashes to a number in [0, 1), and
 * the answer is right when it falls below the model's accuracy. Tests therefore know each
 * candidate's true accuracy, and which items it gets right. Replies end in `#### N` (GSM8K's
 * format) after one line of working; for reasoning models (or when visible reasoning is requested)
 * the working goes to the reasoning field instead.
 */
export function gsm8kAnswerer(options: Gsm8kAnswererOptions): Gsm8kAnswerer {
  const byQuestion = new Map(options.problems.map((p) => [p.question.trim(), p] as const));
  const seed = options.seed ?? 'gsm8k';
  const usage = options.usage ?? { prompt_tokens: 100, completion_tokens: 50 };
  const draw = (model: string, question: string) => fnv1a(`${seed}\u0000${model}\u0000${question.trim()}`);
  const answersCorrectly = (model: string, question: string) =>
    draw(model, question) / 2 ** 32 < (options.accuracy[model] ?? 0);
  const problemOf = (info: Pick<ChatRequestInfo, 'lastUserText'>) => {
    const text = info.lastUserText.trim();
    const exact = byQuestion.get(text);
    if (exact) return exact;
    for (const [question, problem] of byQuestion) if (text.includes(question)) return problem;
    return undefined;
  };
  const handler: ChatHandler = (info) => {
    const problem = problemOf(info);
    const reply: MockReply = { usage, ...(options.delayMs ? { delayMs: options.delayMs } : {}) };
    if (!problem) return { ...reply, content: 'I do not recognise this question.' };
    const right = answersCorrectly(info.model, problem.question);
    const final = right ? problem.answer : wrongAnswer(problem.answer, draw(info.model, problem.question));
    const working = `Working through "${problem.question.slice(0, 40)}" step by step gives ${final}.`;
    if (info.wantsReasoning || options.reasoningModels?.includes(info.model))
      return { ...reply, reasoning: working, content: `#### ${final}` };
    return { ...reply, content: `${working}\n#### ${final}` };
  };
  return { handler, answersCorrectly, problemOf };
}
