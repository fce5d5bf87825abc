import { useRef } from 'react';
import type { GenerationRunView } from '../../shared/api-types';
import { useGenerationRun } from '../hooks/use-generation-run';
import { GenerationProgressCard } from './generation-progress-card';

export interface LiveGenerationProps {
  initial: GenerationRunView;
  onStop: (runId: string) => void;
  onResume: (jobId: string) => void;
  /** Called when the run ends, and once when its stored generation first shows up. */
  onStoredChange: () => void;
  canResume: boolean;
}

/** A generation run followed live over server-sent events. */
export function LiveGeneration({
  initial,
  onStop,
  onResume,
  onStoredChange,
  canResume,
}: LiveGenerationProps) {
  const announced = useRef(false);
  const live = useGenerationRun(initial.runId, (run) => {
    if (run.status === 'finished' || run.status === 'failed') onStoredChange();
    else if (!announced.current && run.progress?.jobId) {
      announced.current = true;
      onStoredChange();
    }
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
