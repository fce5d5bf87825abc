import { InputError } from '@distillery/core/contracts';

/** One reason a fine-tune request cannot run: `param` is the API's field name. */
export interface HyperparameterViolation {
  param: string;
  message: string;
}

/** Throws an InputError listing every violation (nothing has been uploaded yet); does nothing when there are none. */
export function assertNoViolations(violations: readonly HyperparameterViolation[], model: string): void {
  if (violations.length === 0) return;
  throw new InputError(
    `This fine-tune cannot run on ${model}: ${violations.map((v) => `${v.param}: ${v.message}`).join('; ')}.`,
    { advice: 'Change the hyperparameters in the fine-tune settings; nothing was uploaded.' },
  );
}
