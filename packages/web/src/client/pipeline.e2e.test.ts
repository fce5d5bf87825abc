import { readFileSync } from 'node:fs';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshotPath } from '../__fixtures__/launch-chromium';
import { startWebE2e, type WatchedPage, type WebE2e } from '../__fixtures__/web-e2e';
import { TOKEN_HEADER } from '../server/create-request-guard';
import type { DatasetSummaryView, ProjectSummary, SampleFacetsResponse } from '../shared/api-types';

let e2e: WebE2e;
let watched: WatchedPage | undefined;

failOnSpecViolations();

beforeAll(async () => {
  e2e = await startWebE2e({
    gsm8kLines: 120,
    extra: [1, 2, 3].map((i) => ({
      id: `hand-${i}`,
      taskId: 'gsm8k',
      input: `Hand-written question ${i}`,
      output: { content: String(i) },
      reasoning: null,
      source: { type: 'human' as const, author: 'tester' },
      tags: ['hand-written'],
      createdAt: new Date(Date.UTC(2024, 0, i)).toISOString(),
    })),
    mock: { simulation: { advanceOnPoll: true, stepsPerEpoch: 3 } },
    web: { fineTunePollMs: 150 },
  });
});
afterAll(async () => {
  await e2e?.close();
});
beforeEach(() => e2e.mock.reset());
// Every test opens its own page; none may log a console error or receive the API key.
afterEach(async () => {
  if (!watched) return;
  const { errors, leaked } = await e2e.finish(watched);
  watched = undefined;
  expect(errors).toEqual([]);
  expect(leaked).toBe(false);
});

async function open(path: string): Promise<Page> {
  watched = await e2e.open(1440);
  await watched.page.goto(`${e2e.web.url}${path}`);
  return watched.page;
}

const api = async <T>(path: string): Promise<T> =>
  (await fetch(`${e2e.web.url}${path}`)).json() as Promise<T>;

/** A promise the test resolves when it wants: holds a mock answer until the page was checked. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A dataset of the GSM8K imports made through the API, so a test needs no other test before it. */
async function gsm8kDataset(name: string): Promise<DatasetSummaryView> {
  const res = await fetch(`${e2e.web.url}api/datasets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: e2e.web.token },
    body: JSON.stringify({
      taskId: 'gsm8k',
      name,
      filter: { hasReasoning: true, tags: ['gsm8k'] },
      split: { train: 0.8, val: 0.1, test: 0.1 },
      seed: 7,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DatasetSummaryView;
}

describe('the pipeline pages in chromium', () => {
  it('generates samples, showing requests in flight before the first answer, then stops and resumes', async () => {
    const first = gate();
    const fourth = gate();
    let calls = 0;
    e2e.mock.onChat(async (req) => {
      const call = ++calls;
      if (call === 1) await first.promise;
      if (call === 4) await fourth.promise;
      return { reasoning: `Thinking about: ${req.lastUserText}`, content: String(req.lastUserText.length) };
    });
    try {
      const page = await open('generate');
      const inputs = Array.from({ length: 12 }, (_, i) => `What is ${i + 1} times 3?`).join('\n');
      await page.getByLabel('Inputs, one per line').fill(inputs);
      await page.getByLabel('Concurrency').fill('1');
      await page.getByRole('button', { name: 'Start generating' }).click();
      const run = page.getByTestId('generation-run').first();

      // The first request is held: the card already shows it in flight and the time running.
      await run.getByTestId('generation-in-flight').filter({ hasText: '1 in flight' }).waitFor();
      await run
        .getByTestId('generation-elapsed')
        .filter({ hasText: /^\d+(\.\d)? (ms|s)$/ })
        .waitFor();
      expect(await run.getByTestId('generation-generated').textContent()).toBe('0');
      expect(calls).toBe(1);
      await page.screenshot({ animations: 'disabled', path: screenshotPath('09-generate-first-in-flight') });

      // Three answers, then the fourth is held: stopping now leaves exactly three.
      first.open();
      await run.getByTestId('generation-generated').filter({ hasText: /^3$/ }).waitFor();
      await run.getByTestId('generation-in-flight').filter({ hasText: '1 in flight' }).waitFor();
      await run.getByRole('button', { name: 'Stop' }).click();
      await page.locator('[data-testid="generation-run"][data-status="finished"]').first().waitFor();
      expect(await run.textContent()).toContain('Stopped. Resume it');
      expect(await run.getByTestId('generation-generated').textContent()).toBe('3');
      fourth.open();

      await run.getByRole('button', { name: 'Resume' }).click();
      const resumed = page.getByTestId('generation-run').first();
      await resumed.getByText('Every input is generated').waitFor();
      await page.getByTestId('generation-jobs').getByText('complete').waitFor();
      await page.screenshot({
        animations: 'disabled',
        path: screenshotPath('10-generate-done'),
        fullPage: true,
      });

      const jobs = await api<{ jobs: { id: string; generated: number; status: string; source: unknown }[] }>(
        'api/generations',
      );
      const job = jobs.jobs.find((j) => JSON.stringify(j.source).includes('What is 12 times 3?'))!;
      expect(job).toMatchObject({ generated: 12, status: 'complete' });
      const tag = encodeURIComponent(`generation:${job.id}`);
      expect(await api<SampleFacetsResponse>(`api/samples/facets?tag=${tag}`)).toMatchObject({
        total: 12,
        withReasoning: 12,
      });
      const asked = e2e.mock.requests
        .filter((r) => r.path === '/v1/chat/completions')
        .map((c) => JSON.stringify((c.body as { messages: unknown[] }).messages.at(-1)));
      expect(new Set(asked).size).toBe(12);

      await page.goto(`${e2e.web.url}samples?tag=${tag}`);
      await page.getByTestId('sample-row').first().click();
      const drawer = page.getByTestId('sample-drawer');
      await drawer.getByTestId('reasoning-text').filter({ hasText: 'Thinking about: What is' }).waitFor();
      expect(await drawer.getByTestId('trace').textContent()).toContain('Solve the maths word problem');
      expect(await drawer.textContent()).toContain('together / deepseek-ai/DeepSeek-R1');
    } finally {
      first.open();
      fourth.open();
    }
  });

  it("keeps a generated sample's whole chain-of-thought trace, as the playground shows it", async () => {
    e2e.mock.onChat((req) => ({ content: `Step by step about: ${req.lastUserText}` }));
    const page = await open('generate');
    await page.getByLabel('Teacher (run config)').selectOption('cot-teacher');
    await page.getByLabel('Inputs, one per line').fill('What is 7 plus 8? (cot)');
    await page.getByRole('button', { name: 'Start generating' }).click();
    await page
      .locator('[data-testid="generation-run"][data-status="finished"]')
      .first()
      .getByText('Every input is generated')
      .waitFor();

    const list = await api<{ samples: { id: string }[] }>('api/samples?text=cot&source=synthetic');
    expect(list.samples).toHaveLength(1);
    await page.goto(`${e2e.web.url}samples/${list.samples[0]!.id}`);
    const trace = page.getByTestId('sample-drawer').getByTestId('trace');
    await trace.waitFor();
    expect(await trace.locator('.msg').count()).toBe(6);
    expect(await trace.locator('.msg').first().getAttribute('class')).toContain('system');
    expect(await trace.locator('.msg').last().textContent()).toContain('Step by step about:');
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('10b-generated-cot-trace'),
      fullPage: true,
    });
  });

  it('builds a dataset checking its splits in the page, then exports, checks and downloads it', async () => {
    const facets = await api<SampleFacetsResponse>('api/samples/facets?task=gsm8k');
    const page = await open('datasets');
    const planRequests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/datasets/plan') planRequests.push(url.searchParams.get('split') ?? '');
    });
    const plan = page.getByTestId('dataset-plan');
    await plan
      .getByTestId('plan-total')
      .filter({ hasText: String(facets.withReasoning) })
      .waitFor();
    expect(await plan.getByTestId('plan-warning').count()).toBe(0);

    // Typing 80 → 8 → 85 → 80 passes through totals that are not 100%: no request for those.
    const train = page.getByLabel('train %');
    await train.fill('8');
    await page.getByTestId('split-problem').filter({ hasText: 'add up to 28%, not 100%' }).waitFor();
    expect(await train.getAttribute('aria-invalid')).toBe('true');
    await train.fill('85');
    await page.getByTestId('split-problem').filter({ hasText: 'add up to 105%' }).waitFor();
    expect(await page.getByRole('button', { name: 'Freeze snapshot' }).isDisabled()).toBe(true);
    await train.fill('80');
    await page.getByTestId('split-problem').waitFor({ state: 'detached' });
    await plan.getByTestId('plan-split-train').waitFor();
    for (const split of planRequests) {
      const sum = split.split(',').reduce((total, part) => total + Number(part.split('=')[1]), 0);
      expect(Math.abs(sum - 1), `plan asked for split ${split}`).toBeLessThan(1e-9);
    }

    await page.getByLabel('Only samples with reasoning').uncheck();
    await plan
      .getByTestId('plan-warning')
      .filter({ hasText: `${facets.withoutReasoning} of ${facets.total} samples have no reasoning` })
      .waitFor();
    await page.getByLabel('Only samples with reasoning').check();
    await page.getByRole('button', { name: /^gsm8k · 120$/ }).click();
    await plan.getByTestId('plan-total').filter({ hasText: '120' }).waitFor();
    await plan.getByTestId('plan-split-train').filter({ hasText: '96' }).waitFor();
    await page.getByLabel('Name').fill('gsm8k-reasoning-ui');
    await page.getByLabel('Seed').fill('7');
    await page.getByRole('button', { name: 'Freeze snapshot' }).click();

    const detail = page.getByTestId('dataset-detail');
    await detail.getByTestId('dataset-total').filter({ hasText: '120' }).waitFor();
    expect(page.url()).toMatch(/\/datasets\/[\w-]+$/);
    await page.getByRole('button', { name: 'Export and check' }).click();
    const verdict = page.getByTestId('check-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toBe('together would accept this file');
    const report = (await page.getByTestId('check-report').textContent()) ?? '';
    expect(report).toContain('96 examples from 96 samples');
    expect(report).toContain('Examples with reasoning');
    expect(report).toContain('Tokens in all (estimated)');
    expect(report).not.toMatch(/withReasoning|tokensTotal|tokensMax|truncatedExamples/);
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('12-dataset-checked'),
      fullPage: true,
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('gsm8k-reasoning-ui.train.reasoning.together.jsonl');
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved.trim().split('\n')).toHaveLength(96);

    const list = await api<{ name: string; splitSizes: Record<string, number> }[]>('api/datasets');
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'gsm8k-reasoning-ui', splitSizes: { train: 96, val: 12, test: 12 } }),
    );
  });

  it("offers each backend's own methods and base models, and drops a model of another backend", async () => {
    const project = await api<ProjectSummary>('api/project');
    const byId = new Map(project.backends.map((b) => [b.id, b]));
    expect(byId.get('openai')).toMatchObject({ methods: [] });
    expect(byId.get('together')).toMatchObject({ methods: ['lora', 'full'] });
    const dataset = await gsm8kDataset('gsm8k-backend-choice');
    const page = await open(`fine-tunes?dataset=${dataset.id}`);
    const baseModel = page.getByLabel('Base model');
    const offered = () =>
      page
        .getByTestId('base-models')
        .evaluate((list) => Array.from(list.querySelectorAll('option')).map((o) => o.value));

    await page.getByLabel('Backend').selectOption('together');
    expect(await offered()).toEqual(byId.get('together')!.baseModels);
    await page.getByRole('button', { name: 'LoRA', exact: true }).waitFor();
    await page.getByLabel('LoRA r').waitFor();
    await baseModel.fill(byId.get('together')!.baseModels[0]!);

    await page.getByLabel('Backend').selectOption('openai');
    expect(await baseModel.inputValue()).toBe('');
    expect(await offered()).toEqual(byId.get('openai')!.baseModels);
    expect(await page.getByRole('button', { name: 'LoRA', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('LoRA r').count()).toBe(0);
    await baseModel.fill(byId.get('openai')!.baseModels[0]!);
    await page.getByLabel('Backend').selectOption('together');
    expect(await baseModel.inputValue()).toBe('');
  });

  it('plans a LoRA fine-tune with a price, watches it complete with a loss chart, deploys it and runs it in the playground', async () => {
    const dataset = await gsm8kDataset('gsm8k-for-fine-tune');
    const page = await open(`fine-tunes?dataset=${dataset.id}`);
    await page.getByLabel('Backend').selectOption('together');
    await page.getByLabel('Base model').fill('Qwen/Qwen3-8B');
    await page.getByLabel('Epochs').fill('5');
    await page.getByLabel('LoRA r').fill('16');
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    const plan = page.getByTestId('fine-tune-plan');
    await plan.waitFor({ timeout: 30_000 });
    expect(await plan.getByTestId('plan-price').textContent()).toMatch(/^≈ \$\d/);
    expect(await plan.textContent()).toContain('96 examples');
    expect(await plan.textContent()).toContain('reasoning flow');
    expect(e2e.mock.requests.filter((r) => r.path.startsWith('/v1/files'))).toHaveLength(0);
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('13-fine-tune-plan'),
      fullPage: true,
    });

    await plan.getByRole('button', { name: 'Start fine-tune' }).click();
    const detail = page.getByTestId('fine-tune-detail');
    await detail.waitFor({ timeout: 30_000 });
    await detail
      .getByTestId('fine-tune-status')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: 60_000 });
    await detail.getByTestId('result-model').waitFor();
    expect(await detail.getByTestId('loss-point').count()).toBe(5);
    const created = e2e.mock.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes')!;
    expect(created.body).toMatchObject({
      model: 'Qwen/Qwen3-8B',
      n_epochs: 5,
      training_type: { type: 'Lora', lora_r: 16 },
    });
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('15-fine-tune-completed'),
      fullPage: true,
    });

    await detail.getByRole('button', { name: 'Deploy' }).click();
    await detail.getByTestId('result-model').filter({ hasText: 'endpoint' }).waitFor();
    e2e.mock.endpoints.finish();

    e2e.mock.reply({ reasoning: 'Half of 48 is 24; 48 + 24 = 72.', content: '72', chunkSize: 3 });
    await detail.getByRole('link', { name: 'Try it in the playground' }).click();
    await page.getByTestId('fine-tune-call').waitFor();
    await page.getByLabel('Input', { exact: true }).fill('Natalia sold clips to 48 of her friends in April…');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('run-stats').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('reasoning-text').textContent()).toBe('Half of 48 is 24; 48 + 24 = 72.');
    expect(await page.getByTestId('answer-text').textContent()).toContain('72');
    const call = e2e.mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const body = call.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toMatch(/^mock-user\//);
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[0]!.content).toContain('Solve the maths word problem');
  });
});
