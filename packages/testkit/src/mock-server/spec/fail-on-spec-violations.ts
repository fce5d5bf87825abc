import { afterEach } from 'vitest';
import { takeAllViolations } from './mock-server-registry';
import { formatViolations } from './spec-violation';

/**
 * Throws, listing them, when any mock server in this process recorded spec violations since the
 * last check (and clears them): a request the real API would refuse, or a mock response its spec
 * does not allow.
 */
export function assertNoSpecViolations(): void {
  const found = takeAllViolations();
  if (found.length > 0)
    throw new Error(
      `The mock server recorded ${found.length} spec violation(s):\n${formatViolations(found)}`,
    );
}

/**
 * Fails every test of the file that made a mock server record a spec violation. Call once at the
 * top of a test file. A test that sends a bad request on purpose takes its violation with
 * `server.takeViolations()` (and asserts on it) before it ends.
 */
export function failOnSpecViolations(): void {
  afterEach(assertNoSpecViolations);
}
