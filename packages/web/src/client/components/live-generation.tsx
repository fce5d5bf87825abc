import type { GenerationRunView } from '../../shared/api-types';
import { useGenerationRun } from '../hooks/use-generation-run';
import { GenerationProgressCard } from './generation-progress-card';

export interface LiveGenerationProps {
  initial: GenerationRunView;
  onStop: (runId: string) => void;
  onResume: (jobId: string) => void;
  onEnd: () => void;
  canResume: boolean;
}

/** A generation run followed live over server-sent events. */
export function LiveGeneration({ initial, onStop, onResume, onEnd, canResume }: LiveGenerationProps) {
  const live = useGenerationRun(initial.runId, (run) => {
    if (run.status === 'finished' || run.status === 'failed') onEnd();
  });
  const run = live ?? initial;
  return (
    <GenerationProgressCard
      run={run}
      onStop={() => onStop(run.runId)}
      onResume={onResume}
      canResume={canResume}
    />
  );
}
