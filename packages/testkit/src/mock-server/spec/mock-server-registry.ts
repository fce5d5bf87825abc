import type { SpecViolation } from './spec-violation';

/** What the registry needs of a mock server. */
export interface ViolationSource {
  readonly url: string;
  takeViolations(): SpecViolation[];
}

// On globalThis, so that the main entry and the vitest entry (separate bundles) share one list.
const KEY = Symbol.for('@distillery/testkit/mock-servers');
type Holder = { [KEY]?: Set<ViolationSource> };

function servers(): Set<ViolationSource> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Set();
  return holder[KEY];
}

/** Remembers a started mock server, so a test helper can collect its violations. */
export function registerMockServer(server: ViolationSource): void {
  servers().add(server);
}

/** Forgets a mock server that is closed and whose violations were collected. */
export function unregisterMockServer(server: ViolationSource): void {
  servers().delete(server);
}

/** Every violation recorded by every mock server in this process since the last call, cleared. */
export function takeAllViolations(): SpecViolation[] {
  return [...servers()].flatMap((server) => server.takeViolations());
}
