/**
 * A JSON number that Python's `json` module would load as a `float` although JavaScript
 * sees an integral value (`1.0`, `0e0`, `1E0`). Only weights are wrapped, so the checker can
 * apply Python's `isinstance(weight, int)` rule exactly.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}
