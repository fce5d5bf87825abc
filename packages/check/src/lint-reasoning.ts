import type { TogetherFormat } from './dataset-format';
import { isDict } from './is-dict';
import { LINE } from './line-placeholder';
import type { SampleFinding } from './validate-openai-sample';

/** The markers reasoning is written inline with in an assistant message's content. */
export interface InlineMarkers {
  open: string;
  close: string;
}

/** R1's markers, the default. */
export const THINK_MARKERS: InlineMarkers = { open: '<think>', close: '</think>' };

const NON_SPACE = /\S/;

export interface ReasoningLint {
  findings: SampleFinding[];
  /** The final assistant turn carries non-blank reasoning (field or a closed inline block). */
  hasReasoning: boolean;
  /** Text of the first system message, if any, for the distinct-system-prompt count. */
  systemPrompt: string | null;
}

function textOf(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  let text = '';
  for (const part of content) if (isDict(part) && typeof part.text === 'string') text += part.text;
  return text;
}

/**
 * Whether the text contains either marker. When both start with the same character (`<think>` and
 * `</think>`, `[THINK]` and `[/THINK]`), one scan over that character, rarer in text than the
 * letters after it, so the native search skips ahead fast; otherwise a search for each.
 */
function hasMarker(text: string, markers: InlineMarkers): boolean {
  const { open, close } = markers;
  const first = open[0];
  if (first === undefined || first !== close[0]) return text.includes(open) || text.includes(close);
  for (let i = text.indexOf(first); i !== -1; i = text.indexOf(first, i + 1)) {
    if (text.startsWith(open, i) || text.startsWith(close, i)) return true;
  }
  return false;
}

function isBlank(text: string): boolean {
  return !NON_SPACE.test(text);
}

function warn(findings: SampleFinding[], code: string, message: string): void {
  findings.push({ code, message, severity: 'warning' });
}

const FINAL = -1;
const COMPLETION = -2;
const PREFERRED = -3;

/** How a message names the turn it is about: FINAL, COMPLETION, PREFERRED or a message index. Built only for a finding. */
function turnName(turn: number): string {
  if (turn === FINAL) return `the final assistant message on line ${LINE}`;
  if (turn === COMPLETION) return `the completion on line ${LINE}`;
  if (turn === PREFERRED) return `the preferred output on line ${LINE}`;
  return `assistant message ${turn + 1} on line ${LINE}`;
}

/** Lints one assistant turn; returns whether it carries non-blank reasoning. */
function lintAssistant(
  message: Record<string, unknown>,
  turn: number,
  findings: SampleFinding[],
  markers: InlineMarkers,
): boolean {
  const { open: OPEN, close: CLOSE } = markers;
  const content = textOf(message.content) ?? '';
  const field =
    'reasoning' in message ? 'reasoning' : 'reasoning_content' in message ? 'reasoning_content' : null;
  if (field !== null) {
    const reasoning = message[field];
    if (typeof reasoning !== 'string' || isBlank(reasoning)) {
      warn(findings, 'empty-reasoning', `The \`${field}\` of ${turnName(turn)} is empty or not a string.`);
      return false;
    }
    if (hasMarker(reasoning, markers)) {
      warn(
        findings,
        'think-tag-in-reasoning',
        `The \`${field}\` of ${turnName(turn)} contains ${OPEN}/${CLOSE} markers; the field must hold the bare reasoning.`,
      );
    }
    if (hasMarker(content, markers)) {
      warn(
        findings,
        'think-tag-in-content',
        `The content of ${turnName(turn)} contains ${OPEN}/${CLOSE} although its reasoning is in \`${field}\`: reasoning leaks into the answer.`,
      );
    }
    return true;
  }
  const open = content.indexOf(OPEN);
  const close = content.indexOf(CLOSE);
  if (open === -1) {
    if (close !== -1) {
      warn(
        findings,
        'stray-think-close',
        `The content of ${turnName(turn)} has ${CLOSE} without ${OPEN}: the opening marker was probably in the prompt, so reasoning leaks into the answer.`,
      );
    }
    return false;
  }
  if (close !== -1 && close < open) {
    warn(
      findings,
      'stray-think-close',
      `The content of ${turnName(turn)} has ${CLOSE} before its first ${OPEN}: the markers are unbalanced, so reasoning leaks into the answer.`,
    );
    return false;
  }
  const end = content.indexOf(CLOSE, open + OPEN.length);
  if (end === -1) {
    warn(
      findings,
      'unclosed-think',
      `The content of ${turnName(turn)} opens ${OPEN} but never closes it: the reasoning was cut off and there is no answer.`,
    );
    return false;
  }
  const inner = content.indexOf(OPEN, open + OPEN.length);
  if (inner !== -1 && inner < end) {
    warn(
      findings,
      'nested-think',
      `The content of ${turnName(turn)} opens ${OPEN} again inside its ${OPEN} block: nested blocks are ambiguous, and the student's parser ends the reasoning at the first ${CLOSE}.`,
    );
  }
  if (isBlank(content.slice(open + OPEN.length, end))) {
    warn(findings, 'empty-reasoning', `The ${OPEN} block of ${turnName(turn)} is empty.`);
    return false;
  }
  return true;
}

/**
 * Reasoning lint for one parsed example: missing, empty, leaking, unbalanced, nested or cut-off
 * reasoning, and a conversation that does not end with the assistant. Inline reasoning is looked
 * for between `markers` (default `<think>`/`</think>`; a student family's own, such as
 * `[THINK]`/`[/THINK]`, when the file is written for it).
 */
export function lintReasoning(
  example: Record<string, unknown>,
  format: TogetherFormat | 'chat' | null,
  expectReasoning: boolean,
  markers: InlineMarkers = THINK_MARKERS,
): ReasoningLint {
  const findings: SampleFinding[] = [];
  let messages: unknown[] | null = null;
  let finalTurn: Record<string, unknown> | null = null;
  if (format === 'conversation' || format === 'chat') {
    messages = Array.isArray(example.messages) ? example.messages : null;
  } else if (format === 'preference_openai') {
    messages = isDict(example.input) && Array.isArray(example.input.messages) ? example.input.messages : null;
    const preferred = example.preferred_output;
    finalTurn = Array.isArray(preferred) && isDict(preferred[0]) ? preferred[0] : null;
  } else if (format === 'instruction') {
    finalTurn = { role: 'assistant', content: example.completion };
  }
  let systemPrompt: string | null = null;
  let lastAssistant = -1;
  if (messages) {
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index];
      if (!isDict(message)) continue;
      if (message.role === 'system' && systemPrompt === null) systemPrompt = textOf(message.content);
      if (message.role === 'assistant') lastAssistant = index;
    }
    const last = messages.at(-1);
    if (format !== 'preference_openai' && isDict(last) && last.role !== 'assistant') {
      warn(
        findings,
        'last-not-assistant',
        `The last message on line ${LINE} is not the assistant's: only the final assistant turn is trained.`,
      );
    }
  }
  let hasReasoning = false;
  if (messages) {
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index];
      if (!isDict(message) || message.role !== 'assistant') continue;
      const isFinal = finalTurn === null && index === lastAssistant;
      const has = lintAssistant(message, isFinal ? FINAL : index, findings, markers);
      if (isFinal) hasReasoning = has;
    }
  }
  if (finalTurn !== null) {
    const turn = format === 'instruction' ? COMPLETION : PREFERRED;
    hasReasoning = lintAssistant(finalTurn, turn, findings, markers);
  }
  if (expectReasoning && !hasReasoning && (messages !== null || finalTurn !== null)) {
    warn(
      findings,
      'missing-reasoning',
      `The final assistant turn on line ${LINE} has no reasoning (no \`reasoning\`/\`reasoning_content\` field and no ${markers.open} block), but this is a reasoning dataset.`,
    );
  }
  return { findings, hasReasoning, systemPrompt };
}
