import type { SampleStore, Session } from '@distillery/runtime';

/** What every route gets, passed explicitly: the session, the open project store, the redactor. */
export interface WebContext {
  session: Session;
  store: SampleStore;
  /** Removes secret values from text about to be sent to the browser. */
  redact: (text: string) => string;
  /** Aborted when the server closes. */
  signal: AbortSignal;
}
