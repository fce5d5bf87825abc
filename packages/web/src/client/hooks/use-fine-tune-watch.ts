import { useState } from 'react';
import type { FineTuneStreamMessage, FineTuneView } from '../../shared/api-types';
import { useEventSource } from './use-event-source';

export interface FineTuneWatch {
  /** The fine-tune as the last answered poll read it. */
  fineTune?: FineTuneView;
  /** The last poll went unanswered (5xx, 429, dropped connection) and the server is polling again. */
  retrying?: string;
  error?: string;
}

/** A fine-tune as the server polls it from its provider, until it completes, fails or is cancelled. */
export function useFineTuneWatch(id: string, enabled: boolean): FineTuneWatch {
  // Kept apart from the last message, so a `retrying` message does not hide the last known state.
  const [latest, setLatest] = useState<FineTuneView>();
  const fineTune = latest?.id === id ? latest : undefined;
  const message = useEventSource<FineTuneStreamMessage>(
    enabled ? `/api/fine-tunes/${encodeURIComponent(id)}/watch` : null,
    (m) => {
      if (m.type === 'fine-tune') setLatest(m.fineTune);
    },
  );
  return {
    ...(fineTune ? { fineTune } : {}),
    ...(message?.type === 'retrying' ? { retrying: message.message } : {}),
    ...(message?.type === 'error' ? { error: message.error.message } : {}),
  };
}
