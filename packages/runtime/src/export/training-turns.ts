import type { ChatMessage, Sample, TrainingStrategy } from '@distillery/core';
import { answerText } from './answer-text';

/** One assistant turn to train on, with the conversation before it. */
export interface TrainingTurn {
  /** Earlier messages, user and assistant only (no system, no reasoning), ending with the user turn answered. */
  history: ChatMessage[];
  answer: string;
  /** Present under the reasoning strategy. */
  reasoning?: string;
}

export interface TrainingTurns {
  turns: TrainingTurn[];
  /** Earlier assistant turns left out: no user turn before them, or no reasoning under the reasoning strategy. */
  skippedTurns: number;
}

const plain = (message: ChatMessage): ChatMessage => ({ role: message.role, content: message.content });

/**
 * Splits a sample into one training example per assistant turn, since only the last assistant
 * message of a conversation is trained. The conversation is the sample's trace without system
 * messages (the frozen prompt replaces them), then the input as a user turn, then the output.
 * Earlier assistant turns become examples of their own when a user turn precedes them and,
 * under the reasoning strategy, when they carry reasoning; in the history they appear as plain
 * content, without reasoning, as chat templates send earlier turns back.
 *
 * The caller checks that the sample itself has reasoning under the reasoning strategy.
 */
export function trainingTurns(sample: Sample, strategy: TrainingStrategy): TrainingTurns {
  const conversation = [
    ...sample.trace.filter((m) => m.role !== 'system').map(plain),
    { role: 'user' as const, content: sample.input },
  ];
  const earlier = sample.trace.filter((m) => m.role !== 'system');
  const turns: TrainingTurn[] = [];
  let skippedTurns = 0;
  earlier.forEach((message, index) => {
    if (message.role !== 'assistant') return;
    const reasoning = message.reasoning?.trim() ? message.reasoning : undefined;
    if (earlier[index - 1]?.role !== 'user' || (strategy === 'reasoning' && reasoning === undefined)) {
      skippedTurns++;
      return;
    }
    turns.push({
      history: conversation.slice(0, index),
      answer: message.content,
      ...(strategy === 'reasoning' ? { reasoning } : {}),
    });
  });
  turns.push({
    history: conversation,
    answer: answerText(sample),
    ...(strategy === 'reasoning' && sample.reasoning ? { reasoning: sample.reasoning.text } : {}),
  });
  return { turns, skippedTurns };
}
