import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket';

/** A fake clock: waiting advances time instantly and records each wait. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    wait: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
    at: () => t,
  };
}

describe('createTokenBucket', () => {
  it('lets a burst of one second through, then spaces requests at the rate', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ perMinute: 120, now: clock.now, wait: clock.wait });
    expect(bucket.capacity).toBe(2);
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await bucket.take(1);
      times.push(clock.at());
    }
    expect(times).toEqual([0, 0, 500, 1000, 1500, 2000]);
  });

  it('serves callers in order even when they ask concurrently', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ perMinute: 60, capacity: 1, now: clock.now, wait: clock.wait });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => bucket.take(1).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.at()).toBe(2000);
  });

  it('lets a request larger than the capacity through from a full bucket, into debt', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ perMinute: 6000, now: clock.now, wait: clock.wait });
    expect(bucket.capacity).toBe(100);
    await bucket.take(250);
    expect(clock.at()).toBe(0);
    expect(bucket.available()).toBe(-150);
    await bucket.take(100);
    expect(clock.at()).toBe(2500);
  });

  it('corrects an estimate afterwards, never above capacity', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ perMinute: 6000, now: clock.now, wait: clock.wait });
    await bucket.take(80);
    bucket.adjust(-50);
    expect(bucket.available()).toBe(-30);
    bucket.adjust(1000);
    expect(bucket.available()).toBe(100);
  });

  it('stops waiting when the signal aborts, and later callers still get their turn', async () => {
    const bucket = createTokenBucket({ perMinute: 60, capacity: 1 });
    await bucket.take(1);
    const controller = new AbortController();
    const waiting = bucket.take(1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    bucket.adjust(1);
    await expect(bucket.take(1)).resolves.toBeUndefined();
  });
});
