import { failOnSpecViolations } from '@distillery/testkit/vitest';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshotPath } from '../__fixtures__/launch-chromium';
import { startWebE2e, type WatchedPage, type WebE2e, WIDTHS } from '../__fixtures__/web-e2e';
import type { ProjectSummary, SampleListResponse } from '../shared/api-types';

let e2e: WebE2e;
let watched: WatchedPage | undefined;

failOnSpecViolations();

beforeAll(async () => {
  e2e = await startWebE2e({ gsm8kLines: 200 });
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

async function open(path: string, width = 1440): Promise<Page> {
  watched = await e2e.open(width);
  await watched.page.goto(`${e2e.web.url}${path}`);
  return watched.page;
}

const api = async <T>(path: string): Promise<T> =>
  (await fetch(`${e2e.web.url}${path}`)).json() as Promise<T>;

/** Waits until the list shows real rows from its first one, not placeholders. */
async function rowsLoaded(page: Page, firstId: string): Promise<void> {
  await page.locator(`[data-testid="sample-row"][data-index="0"][data-sample-id="${firstId}"]`).waitFor();
  expect(await page.getByTestId('sample-row-loading').count()).toBe(0);
}

describe('the web front end in chromium', () => {
  it('shows the tasks with instruction, thinking instruction, schemas and run configs', async () => {
    const page = await open('tasks');
    const card = page.getByTestId('task-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Grade-school maths');
    expect(await card.textContent()).toContain('Think step by step: write out each calculation');
    expect(await card.locator('table tbody tr').count()).toBe(2);
    expect(await page.title()).toBe('Tasks · Distillery');
  });

  it('browses and filters the imported GSM8K samples', async () => {
    const page = await open('samples');
    await page.getByTestId('sample-count').filter({ hasText: '200 samples' }).waitFor();
    await page.getByTestId('sample-row').first().waitFor();
    const rows = await page.getByTestId('sample-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);

    await page.getByLabel('Search samples').fill('Natalia');
    await page
      .getByTestId('sample-count')
      .filter({ hasText: /^1 sample match/ })
      .waitFor();
    expect(await page.getByTestId('sample-row').count()).toBe(1);
    expect(page.url()).toContain('text=Natalia');

    await page.getByLabel('Search samples').fill('');
    await page.getByTestId('sample-count').filter({ hasText: '200 samples' }).waitFor();
    await page.getByTestId('facet-source-synthetic').click();
    await page.getByText('No sample matches these filters').waitFor();
    await page.getByTestId('facet-source-import').click();
    await page.getByTestId('sample-count').filter({ hasText: '200 samples match' }).waitFor();
  });

  it('shows the rows again after a filter or an order change that keeps the count', async () => {
    const facets = await api<{ total: number; withReasoning: number }>('api/samples/facets');
    expect(facets.withReasoning).toBe(facets.total);
    const newest = await api<SampleListResponse>('api/samples?limit=1');
    const oldest = await api<SampleListResponse>('api/samples?limit=1&direction=asc');
    const page = await open('samples');
    await rowsLoaded(page, newest.samples[0]!.id);

    await page.getByTestId('facet-with-reasoning').click();
    await page.getByTestId('sample-count').filter({ hasText: '200 samples match' }).waitFor();
    await rowsLoaded(page, newest.samples[0]!.id);

    await page.getByRole('button', { name: 'Oldest' }).click();
    await rowsLoaded(page, oldest.samples[0]!.id);
    await page.getByRole('button', { name: 'Newest' }).click();
    await rowsLoaded(page, newest.samples[0]!.id);
    await page.getByTestId('facet-with-reasoning').click();
    await page
      .getByTestId('sample-count')
      .filter({ hasText: /^200 samples$/ })
      .waitFor();
    await rowsLoaded(page, newest.samples[0]!.id);
  });

  it('opens a sample with reasoning and answer side by side, and tags and rates it', async () => {
    const page = await open('samples?text=Natalia');
    await page.getByTestId('sample-row').first().click();
    const drawer = page.getByTestId('sample-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('reasoning-text').filter({ hasText: 'Natalia sold' }).waitFor();
    expect(await drawer.getByTestId('answer-text').textContent()).toBe('72');
    const reasoningBox = (await drawer.getByTestId('reasoning-panel').boundingBox())!;
    const answerBox = (await drawer.getByTestId('answer-panel').boundingBox())!;
    expect(answerBox.x).toBeGreaterThan(reasoningBox.x + reasoningBox.width - 1);
    expect(Math.abs(answerBox.y - reasoningBox.y)).toBeLessThan(2);
    const font = await drawer.getByTestId('reasoning-text').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font.toLowerCase()).toContain('mono');
    expect(await drawer.textContent()).toContain('gsm8k-slice.jsonl:');

    await drawer.getByLabel('4 stars').click();
    await drawer.getByLabel('Add tag').fill('reviewed');
    await drawer.getByLabel('Add tag').press('Enter');
    await drawer.getByRole('button', { name: 'Remove tag reviewed' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Saving…'));

    const id = (await page.getByTestId('sample-row').first().getAttribute('data-sample-id'))!;
    const stored = await api<{ rating: number; tags: string[] }>(`api/samples/${id}`);
    expect(stored.rating).toBe(4);
    expect(stored.tags).toContain('reviewed');

    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await page.goto(`${e2e.web.url}samples?tag=reviewed&minRating=4`);
    await page.getByTestId('sample-count').filter({ hasText: '1 sample match' }).waitFor();
  });

  it('walks the samples with j and k and rates them with 1 to 5', async () => {
    const list = await api<SampleListResponse>('api/samples?limit=3');
    const [first, second, third] = list.samples.map((s) => s.id) as [string, string, string];
    const page = await open(`samples/${encodeURIComponent(first)}`);
    const drawer = page.getByTestId('sample-drawer');
    await drawer.getByTestId('sample-position').filter({ hasText: '1 of 200' }).waitFor();
    expect(await drawer.getByRole('button', { name: 'Previous sample' }).isDisabled()).toBe(true);

    await drawer.getByTestId('answer-text').waitFor();
    await page.keyboard.press('3');
    await drawer
      .getByRole('button', { name: '3 stars' })
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Saving…'));
    await page.keyboard.press('j');
    await drawer.getByTestId('sample-position').filter({ hasText: '2 of 200' }).waitFor();
    expect(page.url()).toContain(`/samples/${encodeURIComponent(second)}`);
    await drawer.getByTestId('answer-text').waitFor();
    await page.keyboard.press('5');
    await drawer
      .getByRole('button', { name: '5 stars' })
      .and(page.locator('[aria-pressed="true"]'))
      .waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Saving…'));
    await drawer.getByRole('button', { name: 'Next sample' }).click();
    await drawer.getByTestId('sample-position').filter({ hasText: '3 of 200' }).waitFor();
    expect(page.url()).toContain(`/samples/${encodeURIComponent(third)}`);
    await page.keyboard.press('k');
    await drawer.getByTestId('sample-position').filter({ hasText: '2 of 200' }).waitFor();

    // A digit typed into the tag field is a tag, not a rating.
    await drawer.getByLabel('Add tag').fill('4');
    expect((await api<{ rating: number }>(`api/samples/${second}`)).rating).toBe(5);
    expect((await api<{ rating: number }>(`api/samples/${first}`)).rating).toBe(3);
    expect((await api<{ rating: number | null }>(`api/samples/${third}`)).rating).toBe(null);
  });

  it('runs the playground with the reasoning streaming live next to the answer', async () => {
    // This file's only chat call: a stream that holds after the first half of the reasoning
    // until the test has seen it on the page.
    const first = 'Natalia sold 48 clips in April. In May she sold half as many: 48 / 2 = 24.';
    const second = ' Altogether 48 + 24 = 72 clips.';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    e2e.mock.route('POST', '/v1/chat/completions', async (ctx) => {
      const sse = ctx.sse();
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
        id: 'chatcmpl-held',
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model: 'deepseek-ai/DeepSeek-R1',
        system_fingerprint: null,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      });
      await sse.event(chunk({ role: 'assistant', content: '' }));
      await sse.event(chunk({ reasoning: first }));
      await gate;
      await sse.event(chunk({ reasoning: second }));
      await sse.event(chunk({ content: '72' }));
      await sse.event(chunk({}, 'stop'));
      await sse.event('[DONE]', undefined, { terminal: true });
      await sse.end();
      return undefined;
    });
    try {
      const page = await open('playground?task=gsm8k&runConfig=r1-teacher');
      await page
        .getByLabel('Input', { exact: true })
        .fill('Natalia sold clips to 48 of her friends in April…');
      await page.getByRole('button', { name: 'Run' }).click();
      const reasoningText = page.getByTestId('reasoning-text');
      await reasoningText.filter({ hasText: first }).waitFor();
      expect(await reasoningText.textContent()).toBe(first);
      expect(await page.getByTestId('run-stats').count()).toBe(0);
      await page.screenshot({ animations: 'disabled', path: screenshotPath('05-playground-streaming') });
      release();
      await page.getByTestId('run-stats').waitFor();
      expect(await reasoningText.textContent()).toBe(first + second);
      expect(await page.getByTestId('answer-text').textContent()).toContain('72');
      expect(await page.getByTestId('run-stats').textContent()).toContain('flow reasoning');
      const call = e2e.mock.requests.find((r) => r.path === '/v1/chat/completions')!;
      expect(call.body).toMatchObject({ model: 'deepseek-ai/DeepSeek-R1', stream: true });
    } finally {
      release();
    }
  });

  it('switching provider in the playground resets a model that provider does not have', async () => {
    const project = await api<ProjectSummary>('api/project');
    const openaiModels = project.providers.find((p) => p.id === 'openai')!.models.map((m) => m.id);
    const page = await open('playground?task=gsm8k&runConfig=r1-teacher');
    const model = page.getByLabel('Model', { exact: true });
    await page.waitForFunction(
      () =>
        (document.getElementById('pg-model') as HTMLInputElement | null)?.value === 'deepseek-ai/DeepSeek-R1',
    );
    await page.getByLabel('Provider').selectOption('openai');
    expect(openaiModels).toContain(await model.inputValue());
    await model.fill(openaiModels[0]!);
    await page.getByLabel('Provider').selectOption('together');
    expect(await model.inputValue()).not.toBe(openaiModels[0]);
    expect(project.providers.find((p) => p.id === 'together')!.models.map((m) => m.id)).toContain(
      await model.inputValue(),
    );
  });

  it('rejects a mutating request from the page without the token, and from another origin', async () => {
    const page = await open('samples');
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/samples/nope', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 1 }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    const other = await watched!.context.newPage();
    await other.goto('about:blank');
    const crossOrigin = await other.evaluate(async (url) => {
      try {
        const res = await fetch(`${url}api/samples/nope`, { method: 'PATCH', body: '{"rating":1}' });
        return res.status;
      } catch {
        return 'blocked';
      }
    }, e2e.web.url);
    expect(crossOrigin === 'blocked' || crossOrigin === 403).toBe(true);
    await other.close();
    // The refused requests are what this test makes: they are not page errors to report.
    watched!.errors.length = 0;
  });

  for (const width of WIDTHS) {
    it(`shows every page at ${width} px, each with its own title, nothing wider than the window`, async () => {
      const pages: [path: string, title: string][] = [
        ['tasks', 'Tasks'],
        ['samples', 'Samples'],
        ['samples?text=Natalia', 'Samples'],
        ['playground?task=gsm8k&runConfig=r1-teacher', 'Playground'],
        ['generate', 'Generate'],
        ['datasets', 'Datasets'],
        ['fine-tunes', 'Fine-tunes'],
        ['no-such-page', 'Page not found'],
      ];
      const page = await open('tasks', width);
      for (const [path, title] of pages) {
        await page.goto(`${e2e.web.url}${path}`);
        await page.locator('main h1, main .empty').first().waitFor();
        await page.waitForFunction(() => !document.body.textContent?.includes('Loading the project'));
        expect(await page.title()).toBe(`${title} · Distillery`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is wider than ${width} px`).toBeLessThanOrEqual(0);
        const name = `${width}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
        await page.screenshot({ animations: 'disabled', path: screenshotPath(name), fullPage: true });
      }

      // The sample drawer: answer chips and panels inside the window, not clipped.
      await page.goto(`${e2e.web.url}samples?text=Natalia`);
      await page.getByTestId('sample-row').first().click();
      const drawer = page.getByTestId('sample-drawer');
      await drawer.getByTestId('answer-text').waitFor();
      // The drawer slides in (a 30 px transform): measure once its animation has finished.
      await drawer.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
      for (const box of [
        await drawer.boundingBox(),
        await drawer.getByTestId('answer-panel').boundingBox(),
        await page.getByTestId('sample-row').first().locator('.answer').boundingBox(),
      ]) {
        expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
      }
      // Answers and chips show whole (a row may cut its last tags at its end, never the answer).
      const clipped = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.sample-row .answer, .chip'))
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent),
      );
      expect(clipped).toEqual([]);
      await page.screenshot({ animations: 'disabled', path: screenshotPath(`${width}-sample-drawer`) });
    });
  }
});
