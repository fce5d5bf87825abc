import type { Sample } from '@distillery/core';
import type { FormatContext, FormatRecords } from '../export-format';
import { type TrainingTurn, trainingTurns } from '../training-turns';
import { systemMessages } from './system-messages';

/**
 * One `{"messages": [...]}` record per trained assistant turn: the frozen system message, the
 * turn's history, then whatever `trained` writes for the turn itself (one message or several).
 */
export function chatRecords(
  sample: Sample,
  context: FormatContext,
  trained: (turn: TrainingTurn) => Record<string, unknown>[],
  history: (message: TrainingTurn['history'][number]) => Record<string, unknown> = (message) => message,
): FormatRecords {
  const { turns, skippedTurns } = trainingTurns(sample, context.strategy);
  return {
    skippedTurns,
    records: turns.map((turn) => ({
      messages: [...systemMessages(context.system), ...turn.history.map(history), ...trained(turn)],
    })),
  };
}
