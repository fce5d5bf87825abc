import type { SampleStore, Session } from '@distillery/runtime';
import type { FineTunePlans } from './fine-tune-plans';
import type { GenerationRuns } from './generation-runs';

/** What every route gets, passed explicitly: the session, the open project store, the redactor, live runs. */
export interface WebContext {
  session: Session;
  store: SampleStore;
  /** Removes secret values from text about to be sent to the browser. */
  redact: (text: string) => string;
  /** Aborted when the server closes. */
  signal: AbortSignal;
  /** Generation runs started from this server. */
  generations: GenerationRuns;
  /** Fine-tune dry-run plans waiting to be started. */
  fineTunePlans: FineTunePlans;
}
