import type { FineTunePlan } from '@distillery/runtime';

const KEEP = 20;

/** Dry-run plans made on this server, kept so "start" carries out exactly the plan that was shown. */
export class FineTunePlans {
  readonly #plans = new Map<string, FineTunePlan>();

  add(plan: FineTunePlan): void {
    this.#plans.set(plan.id, plan);
    while (this.#plans.size > KEEP) this.#plans.delete(this.#plans.keys().next().value!);
  }

  /** Takes a plan out (a plan is started once). */
  take(id: string): FineTunePlan | undefined {
    const plan = this.#plans.get(id);
    this.#plans.delete(id);
    return plan;
  }
}
