/** How simulated jobs and endpoints move on: by hand, on each poll, or with real time. */
export interface SimulationOptions {
  /**
   * Real milliseconds per simulation step. Unset (default): nothing moves on its own; tests call
   * `advance()` / `finish()` (or use `advanceOnPoll`).
   */
  stepMs?: number;
  /** Each time a client retrieves one job or endpoint (`GET …/{id}`), it first moves one step. Default false. */
  advanceOnPoll?: boolean;
}

/** Something that moves through states one step at a time. */
export interface SimulatedEntity {
  readonly id: string;
  /** True once no further step changes it (a terminal state). */
  readonly settled: boolean;
  /** Apply one step, happening at `atMs` (epoch milliseconds). */
  tick(atMs: number): void;
}

interface Slot<T> {
  entity: T;
  /** When timed steps are counted from (creation, or the last `configure`). */
  baseMs: number;
  /** Steps owed by `advance()` and polls. */
  manual: number;
  /** Steps owed by time already applied. */
  timedApplied: number;
  lastAtMs: number;
}

/**
 * A set of entities driven by a step clock. Steps are applied lazily whenever an entity is read, so the
 * simulation keeps no timers: with `stepMs`, an entity read `k·stepMs` after it was created has taken `k`
 * timed steps (stamped at their scheduled times), plus any steps owed by `advance()`.
 */
export class StepSimulation<T extends SimulatedEntity> {
  readonly #slots = new Map<string, Slot<T>>();
  #options: SimulationOptions;

  constructor(options: SimulationOptions = {}) {
    validateStepMs(options.stepMs);
    this.#options = { ...options };
  }

  get options(): Readonly<SimulationOptions> {
    return this.#options;
  }

  /** Change the clock; timed steps already taken stay taken. */
  configure(options: SimulationOptions): void {
    this.syncAll();
    const now = Date.now();
    for (const slot of this.#slots.values()) {
      slot.baseMs = now;
      slot.timedApplied = 0;
    }
    validateStepMs(options.stepMs);
    this.#options = { ...this.#options, ...options };
  }

  add(entity: T): T {
    const now = Date.now();
    this.#slots.set(entity.id, { entity, baseMs: now, manual: 0, timedApplied: 0, lastAtMs: now });
    return entity;
  }

  has(id: string): boolean {
    return this.#slots.has(id);
  }

  /** The entity with its due steps applied. */
  get(id: string): T | undefined {
    const slot = this.#slots.get(id);
    if (!slot) return undefined;
    this.#sync(slot);
    return slot.entity;
  }

  /** A client read the entity: with `advanceOnPoll` it moves one step first. */
  poll(id: string): T | undefined {
    if (this.#options.advanceOnPoll) this.advance(1, id);
    return this.get(id);
  }

  /** Every entity, oldest first, with due steps applied. */
  list(): T[] {
    this.syncAll();
    return [...this.#slots.values()].map((s) => s.entity);
  }

  delete(id: string): boolean {
    return this.#slots.delete(id);
  }

  clear(): void {
    this.#slots.clear();
  }

  /** Move one entity, or every unsettled one, `steps` steps on (applied now). */
  advance(steps = 1, id?: string): void {
    if (!Number.isInteger(steps) || steps < 0)
      throw new RangeError(`steps must be a whole number ≥ 0, got ${steps}`);
    for (const slot of this.#targets(id)) {
      this.#sync(slot);
      if (slot.entity.settled) continue;
      slot.manual += steps;
      this.#sync(slot);
    }
  }

  /** Step one entity, or every one, until it settles (at most `limit` steps each). */
  settle(id?: string, limit = 10_000): void {
    for (const slot of this.#targets(id)) {
      this.#sync(slot);
      for (let i = 0; i < limit && !slot.entity.settled; i++) {
        slot.manual += 1;
        this.#sync(slot);
      }
    }
  }

  syncAll(): void {
    for (const slot of this.#slots.values()) this.#sync(slot);
  }

  #targets(id: string | undefined): Slot<T>[] {
    if (id === undefined) return [...this.#slots.values()];
    const slot = this.#slots.get(id);
    if (!slot) throw new Error(`No simulated job or endpoint with id ${id}`);
    return [slot];
  }

  #sync(slot: Slot<T>): void {
    const stepMs = this.#options.stepMs;
    if (stepMs !== undefined && stepMs > 0) {
      const due = Math.floor((Date.now() - slot.baseMs) / stepMs);
      while (slot.timedApplied < due && !slot.entity.settled) {
        slot.timedApplied += 1;
        this.#tick(slot, slot.baseMs + slot.timedApplied * stepMs);
      }
      if (slot.entity.settled) slot.timedApplied = Math.max(slot.timedApplied, due);
    }
    while (slot.manual > 0) {
      slot.manual -= 1;
      if (!slot.entity.settled) this.#tick(slot, Date.now());
    }
  }

  #tick(slot: Slot<T>, atMs: number): void {
    slot.lastAtMs = Math.max(slot.lastAtMs, atMs);
    slot.entity.tick(slot.lastAtMs);
  }
}

function validateStepMs(stepMs: number | undefined): void {
  if (stepMs !== undefined && !(stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${stepMs}`);
}
