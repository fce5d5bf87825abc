import type { Session } from '@distillery/runtime';

/** The session with a signal that also fires when `signal` does (a request's client went away). */
export function sessionWithSignal(session: Session, signal: AbortSignal): Session {
  const signals = session.ctx.signal ? [session.ctx.signal, signal] : [signal];
  return { ...session, ctx: { ...session.ctx, signal: AbortSignal.any(signals) } };
}
