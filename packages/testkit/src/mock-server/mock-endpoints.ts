import { type SimulationOptions, StepSimulation } from './step-simulation';
import type { TogetherEndpoint, TogetherEndpointState } from './together-endpoint';

/** A snapshot of one simulated dedicated endpoint. */
export interface MockEndpointInfo {
  id: string;
  /** What chat requests pass as `model`. */
  name: string;
  model: string;
  hardware: string;
  state: TogetherEndpointState;
}

/** Test controls for Together dedicated endpoints (`server.endpoints`). */
export interface MockEndpointsControl {
  /** Move every endpoint that is changing state, or one, `steps` steps on (default 1). */
  advance(steps?: number, endpointId?: string): this;
  /** Step every endpoint, or one, until it is STARTED or STOPPED. */
  finish(endpointId?: string): this;
  /** Put an endpoint in state ERROR. */
  fail(endpointId: string): this;
  /** Change the clock (`stepMs`, `advanceOnPoll`). */
  configure(options: SimulationOptions): this;
  get(endpointId: string): MockEndpointInfo | undefined;
  /** Every endpoint, oldest first. */
  readonly list: readonly MockEndpointInfo[];
}

/** The dedicated endpoints of a mock server: state for the routes, controls for tests. */
export class MockEndpoints implements MockEndpointsControl {
  readonly simulation: StepSimulation<TogetherEndpoint>;
  readonly #defaults: SimulationOptions;

  constructor(options: SimulationOptions) {
    this.#defaults = { ...options };
    this.simulation = new StepSimulation(options);
  }

  /** The endpoint serving chat requests for `name`, if any. */
  byName(name: string): TogetherEndpoint | undefined {
    return this.simulation.list().find((e) => e.name === name);
  }

  advance(steps = 1, endpointId?: string): this {
    this.simulation.advance(steps, endpointId);
    return this;
  }

  finish(endpointId?: string): this {
    this.simulation.settle(endpointId);
    return this;
  }

  fail(endpointId: string): this {
    const endpoint = this.simulation.get(endpointId);
    if (!endpoint) throw new Error(`No endpoint with id ${endpointId}`);
    endpoint.state = 'ERROR';
    return this;
  }

  configure(options: SimulationOptions): this {
    this.simulation.configure(options);
    return this;
  }

  get(endpointId: string): MockEndpointInfo | undefined {
    const endpoint = this.simulation.get(endpointId);
    return endpoint ? info(endpoint) : undefined;
  }

  get list(): readonly MockEndpointInfo[] {
    return this.simulation.list().map(info);
  }

  reset(): void {
    this.simulation.clear();
    this.simulation.configure({ stepMs: undefined, advanceOnPoll: undefined, ...this.#defaults });
  }
}

function info(e: TogetherEndpoint): MockEndpointInfo {
  return { id: e.id, name: e.name, model: e.model, hardware: e.hardware, state: e.state };
}
