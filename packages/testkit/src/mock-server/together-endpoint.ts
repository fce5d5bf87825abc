import { randomUUID } from 'node:crypto';
import { randomHex } from './random-id';
import type { SimulatedEntity } from './step-simulation';
import { MOCK_TOGETHER_USER } from './together-fine-tune-job';

export type TogetherEndpointState = 'PENDING' | 'STARTING' | 'STARTED' | 'STOPPING' | 'STOPPED' | 'ERROR';

/**
 * A Together dedicated endpoint, one step per tick: PENDING → STARTING → STARTED; after a stop request,
 * STOPPING → STOPPED; a start request on a stopped endpoint goes back to PENDING.
 */
export class TogetherEndpoint implements SimulatedEntity {
  readonly id = `endpoint-${randomUUID()}`;
  readonly name: string;
  readonly model: string;
  readonly hardware: string;
  readonly createdAtMs = Date.now();
  readonly owner = MOCK_TOGETHER_USER;
  displayName: string;
  state: TogetherEndpointState;
  autoscaling: { min_replicas: number; max_replicas: number };
  inactiveTimeout: number | null;
  readonly extra: Record<string, unknown>;

  constructor(init: {
    model: string;
    hardware: string;
    autoscaling: { min_replicas: number; max_replicas: number };
    displayName?: string;
    state?: 'STARTED' | 'STOPPED';
    inactiveTimeout?: number | null;
    extra?: Record<string, unknown>;
  }) {
    this.model = init.model;
    this.hardware = init.hardware;
    this.autoscaling = init.autoscaling;
    const base = (init.model.split('/').at(-1) ?? init.model).toLowerCase();
    this.name = `${this.owner}/${base}-${randomHex(8)}`;
    this.displayName = init.displayName ?? this.name;
    this.state = init.state === 'STOPPED' ? 'STOPPED' : 'PENDING';
    this.inactiveTimeout = init.inactiveTimeout ?? null;
    this.extra = init.extra ?? {};
  }

  get settled(): boolean {
    return this.state === 'STARTED' || this.state === 'STOPPED' || this.state === 'ERROR';
  }

  tick(): void {
    if (this.state === 'PENDING') this.state = 'STARTING';
    else if (this.state === 'STARTING') this.state = 'STARTED';
    else if (this.state === 'STOPPING') this.state = 'STOPPED';
  }

  /** Apply a requested state (`PATCH {state}`). */
  request(state: 'STARTED' | 'STOPPED'): void {
    if (state === 'STOPPED' && this.state !== 'STOPPED') this.state = 'STOPPING';
    if (state === 'STARTED' && (this.state === 'STOPPED' || this.state === 'ERROR')) this.state = 'PENDING';
  }

  toJSON(): Record<string, unknown> {
    return {
      object: 'endpoint',
      id: this.id,
      name: this.name,
      display_name: this.displayName,
      model: this.model,
      hardware: this.hardware,
      type: 'dedicated',
      owner: this.owner,
      state: this.state,
      autoscaling: this.autoscaling,
      inactive_timeout: this.inactiveTimeout,
      created_at: new Date(this.createdAtMs).toISOString(),
      ...this.extra,
    };
  }

  /** The shorter list item (`GET /v1/endpoints`). */
  listItem(): Record<string, unknown> {
    return {
      object: 'endpoint',
      id: this.id,
      name: this.name,
      model: this.model,
      type: 'dedicated',
      owner: this.owner,
      state: this.state,
      created_at: new Date(this.createdAtMs).toISOString(),
    };
  }
}
