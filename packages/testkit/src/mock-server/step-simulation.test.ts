import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SimulatedEntity, StepSimulation } from './step-simulation';

/** Counts ticks and settles after `limit` of them, recording when each happened. */
class Counter implements SimulatedEntity {
  readonly at: number[] = [];
  constructor(
    readonly id: string,
    readonly limit = 3,
  ) {}
  get settled(): boolean {
    return this.at.length >= this.limit;
  }
  tick(atMs: number): void {
    this.at.push(atMs);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('StepSimulation', () => {
  it('without stepMs nothing moves until advance(), which targets one entity or all unsettled ones', () => {
    const sim = new StepSimulation<Counter>();
    const a = sim.add(new Counter('a'));
    const b = sim.add(new Counter('b'));
    vi.setSystemTime(9_000_000);
    expect(sim.get('a')!.at).toEqual([]);
    sim.advance(2, 'a');
    expect([a.at.length, b.at.length]).toEqual([2, 0]);
    sim.advance(5);
    expect([a.at.length, b.at.length]).toEqual([3, 3]); // never past settled
    expect(() => sim.advance(1, 'nope')).toThrow(/No simulated/);
    expect(() => sim.advance(-1)).toThrow(RangeError);
  });

  it('with stepMs an entity read k·stepMs after creation has taken k steps, stamped at their scheduled times', () => {
    const sim = new StepSimulation<Counter>({ stepMs: 100 });
    const a = sim.add(new Counter('a', 10));
    vi.setSystemTime(1_000_250);
    expect(sim.get('a')!.at).toEqual([1_000_100, 1_000_200]);
    sim.advance(1, 'a'); // a manual step on top, stamped now
    expect(a.at).toEqual([1_000_100, 1_000_200, 1_000_250]);
    vi.setSystemTime(1_000_300);
    expect(sim.list()[0]!.at.length).toBe(4);
  });

  it('settle() runs entities to their end; poll() steps only with advanceOnPoll', () => {
    const sim = new StepSimulation<Counter>();
    sim.add(new Counter('a', 4));
    sim.poll('a');
    expect(sim.get('a')!.at.length).toBe(0);
    sim.configure({ advanceOnPoll: true });
    expect(sim.poll('a')!.at.length).toBe(1);
    sim.settle('a');
    expect(sim.get('a')!.settled).toBe(true);
    expect(() => sim.configure({ stepMs: 0 })).toThrow(RangeError);
  });

  it('configure() keeps steps already taken and counts timed steps from then on', () => {
    const sim = new StepSimulation<Counter>({ stepMs: 100 });
    sim.add(new Counter('a', 10));
    vi.setSystemTime(1_000_200);
    sim.configure({ stepMs: 1000 });
    vi.setSystemTime(1_000_900);
    expect(sim.get('a')!.at).toEqual([1_000_100, 1_000_200]);
    vi.setSystemTime(1_001_200);
    expect(sim.get('a')!.at).toEqual([1_000_100, 1_000_200, 1_001_200]);
  });
});
