import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSampleStore, type SqliteSampleStore } from '../store/open-sample-store';
import { type GenerationClaims, openGenerationClaims } from './generation-claims';

let dir: string;
let store: SqliteSampleStore;
const open: GenerationClaims[] = [];
const dead = new Set<number>();

function claimsOf(pid: number, count: number | null = null): GenerationClaims {
  const claims = openGenerationClaims({
    file: store.file,
    jobId: 'gen-1',
    tag: 'gen:gen-1',
    count,
    pid,
    isAlive: (p) => !dead.has(p),
  });
  open.push(claims);
  return claims;
}

const sample = (key: string) =>
  store.insert(
    {
      id: key,
      taskId: 't',
      input: key,
      output: { content: 'x' },
      reasoning: null,
      trace: [],
      source: { type: 'human' },
      tags: ['gen:gen-1'],
      rating: null,
      createdAt: new Date(0).toISOString(),
    },
    { dedupeKey: key },
  );

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'distill-claims-'));
  store = await openSampleStore({ dir });
  dead.clear();
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generation claims', () => {
  it('gives an input to one live process at a time, and back after release', () => {
    const [a, b] = [claimsOf(101), claimsOf(102)];
    expect(a.claim('k1')).toBe(true);
    expect(b.claim('k1')).toBe(false);
    expect(a.claim('k1')).toBe(true);
    a.release('k1');
    expect(b.claim('k1')).toBe(true);
  });

  it('refuses an input whose sample is stored', async () => {
    await sample('k1');
    expect(claimsOf(101).claim('k1')).toBe(false);
  });

  it('takes over the claims of a dead process', () => {
    const [a, b] = [claimsOf(101), claimsOf(102)];
    expect(a.claim('k1')).toBe(true);
    dead.add(101);
    expect(b.claim('k1')).toBe(true);
  });

  it('counts stored samples and live claims of every process against the count', async () => {
    const [a, b] = [claimsOf(101, 3), claimsOf(102, 3)];
    await sample('k0');
    expect(a.claim('k1')).toBe(true);
    expect(b.claim('k2')).toBe(true);
    expect(b.claim('k3')).toBe(false);
    // A stored sample whose claim is not released yet counts once.
    await sample('k1');
    expect(b.claim('k3')).toBe(false);
    dead.add(102);
    expect(a.claim('k3')).toBe(true);
  });
});
