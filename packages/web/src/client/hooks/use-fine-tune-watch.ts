import type { FineTuneStreamMessage, FineTuneView } from '../../shared/api-types';
import { useEventSource } from './use-event-source';

/** A fine-tune as the server polls it from its provider, until it completes, fails or is cancelled. */
export function useFineTuneWatch(id: string, enabled: boolean): { fineTune?: FineTuneView; error?: string } {
  const message = useEventSource<FineTuneStreamMessage>(
    enabled ? `/api/fine-tunes/${encodeURIComponent(id)}/watch` : null,
  );
  if (!message) return {};
  return message.type === 'fine-tune' ? { fineTune: message.fineTune } : { error: message.error.message };
}
