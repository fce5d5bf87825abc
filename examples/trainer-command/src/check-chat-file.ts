import { readFile } from 'node:fs/promises';
import type { CheckFinding, CheckReport, TrainerCheckOptions } from '@distillery/core';

const THINK = /<think>[\s\S]*?<\/think>/;

/** Roughly four characters per token: enough to size a local run, not to bill one. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Checks a chat JSONL file (the `r1` and `hf-chat` exports: `{"messages": [{role, content}]}`
 * per line) the way a TRL/Axolotl chat-template loader would read it: valid JSON, known roles,
 * string contents, an assistant turn last. Reasoning (`<think>` in the content or a
 * `reasoning_content` field) is counted, and required with `expectReasoning`.
 */
export async function checkChatFile(file: string, options: TrainerCheckOptions = {}): Promise<CheckReport> {
  const text = await readFile(file, 'utf8');
  const errors: CheckFinding[] = [];
  const warnings: CheckFinding[] = [];
  let samples = 0;
  let withReasoning = 0;
  let tokensTotal = 0;
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      errors.push({ line, code: 'invalid-json', message: 'not valid JSON' });
      continue;
    }
    const messages = (record as { messages?: unknown }).messages;
    if (!Array.isArray(messages) || messages.length === 0) {
      errors.push({ line, code: 'no-messages', message: '"messages" must be a non-empty array' });
      continue;
    }
    samples += 1;
    let bad = false;
    let tokens = 0;
    for (const m of messages as { role?: unknown; content?: unknown; reasoning_content?: unknown }[]) {
      if (!['system', 'user', 'assistant'].includes(String(m?.role)) || typeof m.content !== 'string') {
        errors.push({
          line,
          code: 'bad-message',
          message: 'every message needs a role (system, user, assistant) and string content',
        });
        bad = true;
        break;
      }
      tokens += estimateTokens(m.content);
    }
    tokensTotal += tokens;
    if (bad) continue;
    const last = messages.at(-1) as { role: string; content: string; reasoning_content?: unknown };
    if (last.role !== 'assistant') {
      errors.push({ line, code: 'last-not-assistant', message: 'the last message must be the assistant’s' });
      continue;
    }
    const reasons = THINK.test(last.content) || typeof last.reasoning_content === 'string';
    if (reasons) withReasoning += 1;
    else if (options.expectReasoning) {
      errors.push({ line, code: 'missing-reasoning', message: 'the assistant turn carries no reasoning' });
    }
    if (options.maxSeqLength && tokens > options.maxSeqLength) {
      warnings.push({
        line,
        code: 'long',
        message: `longer than ${options.maxSeqLength} tokens (estimated)`,
      });
    }
  }
  if (samples === 0) errors.push({ line: 0, code: 'empty', message: 'the file holds no examples' });
  const findings = options.strict ? [...errors, ...warnings] : errors;
  const cap = options.maxFindings ?? Number.POSITIVE_INFINITY;
  return {
    ok: findings.length === 0,
    format: 'chat',
    samples,
    errors: findings.slice(0, cap),
    warnings: options.strict ? [] : warnings.slice(0, cap),
    stats: { tokensTotal, withReasoning },
  };
}
