import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../__fixtures__/launch-chromium';
import { createWebTestProject, type WebTestProject } from '../__fixtures__/web-test-project';
import { startWebServer, type WebServer } from '../server/start-web-server';

failOnSpecViolations();

const KEY = 'sk-pipeline-secret-abcdef0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  mock = await startMockServer({ simulation: { advanceOnPoll: true, stepsPerEpoch: 3 } });
  project = await createWebTestProject({
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
    env: {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: mock.openaiBaseURL,
      TOGETHER_API_KEY: KEY,
      TOGETHER_BASE_URL: mock.togetherBaseURL,
    },
  });
  web = await startWebServer({ session: project.session, port: 0, fineTunePollMs: 150 });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await mock?.close();
  project?.cleanup();
});

beforeEach(() => mock.reset());

describe('the pipeline pages in chromium', () => {
  it('generates samples with a reasoning teacher, following progress live, then stops and resumes', async () => {
    mock.onChat((req) => ({
      reasoning: `Thinking about: ${req.lastUserText}`,
      content: String(req.lastUserText.length),
      delayMs: 40,
    }));
    await page.goto(`${web.url}generate`);
    const inputs = Array.from({ length: 12 }, (_, i) => `What is ${i + 1} times 3?`).join('\n');
    await page.getByLabel('Inputs, one per line').fill(inputs);
    await page.getByLabel('Concurrency').fill('1');
    await page.getByRole('button', { name: 'Start generating' }).click();
    const run = page.getByTestId('generation-run').first();
    await run
      .getByTestId('generation-generated')
      .filter({ hasText: /^[2-9]$/ })
      .waitFor();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('09-generate-running') });
    await run.getByRole('button', { name: 'Stop' }).click();
    await page.locator('[data-testid="generation-run"][data-status="finished"]').first().waitFor();
    expect(await run.textContent()).toContain('Stopped. Resume it');
    const stoppedAt = Number(await run.getByTestId('generation-generated').textContent());
    expect(stoppedAt).toBeGreaterThan(1);
    expect(stoppedAt).toBeLessThan(12);

    await run.getByRole('button', { name: 'Resume' }).click();
    const resumed = page.getByTestId('generation-run').first();
    await page
      .locator('[data-testid="generation-run"][data-status="finished"]')
      .first()
      .waitFor({ timeout: 30_000 });
    await resumed.getByText('Every input is generated').waitFor();
    await page.getByTestId('generation-jobs').getByText('complete').waitFor();
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('10-generate-done'),
      fullPage: true,
    });

    const jobs = (await (await fetch(`${web.url}api/generations`)).json()) as {
      jobs: { id: string; generated: number; status: string }[];
    };
    expect(jobs.jobs[0]).toMatchObject({ generated: 12, status: 'complete' });
    const tag = `generation:${jobs.jobs[0]!.id}`;
    const facets = await (await fetch(`${web.url}api/samples/facets?tag=${encodeURIComponent(tag)}`)).json();
    expect(facets).toMatchObject({ total: 12, withReasoning: 12 });
    const calls = mock.requests.filter((r) => r.path === '/v1/chat/completions');
    const asked = new Set(
      calls.map((c) => JSON.stringify((c.body as { messages: unknown[] }).messages.at(-1))),
    );
    expect(asked.size).toBe(12);

    await page.goto(`${web.url}samples?tag=${encodeURIComponent(tag)}`);
    await page.getByTestId('sample-row').first().click();
    const drawer = page.getByTestId('sample-drawer');
    await drawer.getByTestId('reasoning-text').filter({ hasText: 'Thinking about: What is' }).waitFor();
    expect(await drawer.getByTestId('trace').textContent()).toContain('Solve the maths word problem');
    expect(await drawer.textContent()).toContain('together / deepseek-ai/DeepSeek-R1');
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('10b-generated-sample'),
      fullPage: true,
    });
  });

  it('builds a reasoning dataset with live counts and warnings, then exports and checks it', async () => {
    await page.goto(`${web.url}datasets`);
    await page.getByText('No datasets yet').waitFor();
    const plan = page.getByTestId('dataset-plan');
    await plan.getByTestId('plan-total').filter({ hasText: '132' }).waitFor();
    expect(await plan.getByTestId('plan-warning').count()).toBe(0);
    await page.getByLabel('Only samples with reasoning').uncheck();
    await plan.getByTestId('plan-total').filter({ hasText: '135' }).waitFor();
    await plan
      .getByTestId('plan-warning')
      .filter({ hasText: '3 of 135 samples have no reasoning' })
      .waitFor();
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('11-datasets-builder-warning'),
      fullPage: true,
    });
    await page.getByLabel('Only samples with reasoning').check();
    await page.getByRole('button', { name: /^gsm8k · 120$/ }).click();
    await plan.getByTestId('plan-total').filter({ hasText: '120' }).waitFor();
    await plan.getByTestId('plan-split-train').filter({ hasText: '96' }).waitFor();
    await page.getByLabel('Name').fill('gsm8k-reasoning-v1');
    await page.getByLabel('Seed').fill('7');
    await page.getByRole('button', { name: 'Freeze snapshot' }).click();

    const detail = page.getByTestId('dataset-detail');
    await detail.getByTestId('dataset-total').filter({ hasText: '120' }).waitFor();
    expect(page.url()).toMatch(/\/datasets\/[\w-]+$/);
    await page.getByRole('button', { name: 'Export and check' }).click();
    const verdict = page.getByTestId('check-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toBe('together would accept this file');
    expect(await page.getByTestId('check-report').textContent()).toContain('96 examples from 96 samples');
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('12-dataset-checked'),
      fullPage: true,
    });

    const list = (await (await fetch(`${web.url}api/datasets`)).json()) as {
      name: string;
      splitSizes: Record<string, number>;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ name: 'gsm8k-reasoning-v1', splitSizes: { train: 96, val: 12, test: 12 } }),
    ]);
  });

  it('plans a LoRA fine-tune with a price, watches it complete with a loss chart, deploys it and runs it in the playground', async () => {
    const datasets = (await (await fetch(`${web.url}api/datasets`)).json()) as { id: string }[];
    await page.goto(`${web.url}fine-tunes?dataset=${datasets[0]!.id}`);
    await page.getByText('No fine-tunes yet').waitFor();
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
    expect(mock.requests.filter((r) => r.path.startsWith('/v1/files'))).toHaveLength(0);
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('13-fine-tune-plan'),
      fullPage: true,
    });

    await plan.getByRole('button', { name: 'Start fine-tune' }).click();
    const detail = page.getByTestId('fine-tune-detail');
    await detail.waitFor({ timeout: 30_000 });
    await detail.getByTestId('loss-point').nth(1).waitFor({ timeout: 30_000 });
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('14-fine-tune-running'),
      fullPage: true,
    });
    await detail
      .getByTestId('fine-tune-status')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: 60_000 });
    await detail.getByTestId('result-model').waitFor();
    expect(await detail.getByTestId('loss-point').count()).toBe(5);
    const created = mock.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes')!;
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
    mock.endpoints.finish();

    mock.reply({ reasoning: 'Half of 48 is 24; 48 + 24 = 72.', content: '72', chunkSize: 3, delayMs: 20 });
    await detail.getByRole('link', { name: 'Try it in the playground' }).click();
    await page.getByTestId('fine-tune-call').waitFor();
    await page.getByLabel('Input', { exact: true }).fill('Natalia sold clips to 48 of her friends in April…');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('run-stats').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('reasoning-text').textContent()).toBe('Half of 48 is 24; 48 + 24 = 72.');
    expect(await page.getByTestId('answer-text').textContent()).toContain('72');
    await page.screenshot({
      animations: 'disabled',
      path: screenshotPath('16-playground-fine-tuned'),
      fullPage: true,
    });
    const call = mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const body = call.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toMatch(/^mock-user\//);
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[0]!.content).toContain('Solve the maths word problem');
  });
});
