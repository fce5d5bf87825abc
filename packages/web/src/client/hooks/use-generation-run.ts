import type { GenerationRunView, GenerationStreamMessage } from '../../shared/api-types';
import { useEventSource } from './use-event-source';

/** The live state of a generation run, streamed from the server until it ends. */
export function useGenerationRun(
  runId: string | null,
  onChange?: (run: GenerationRunView) => void,
): GenerationRunView | undefined {
  const message = useEventSource<GenerationStreamMessage>(
    runId ? `/api/generations/runs/${encodeURIComponent(runId)}/events` : null,
    (m) => onChange?.(m.run),
  );
  return message?.run;
}
