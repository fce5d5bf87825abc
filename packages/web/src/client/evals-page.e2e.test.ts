import { readFileSync } from 'node:fs';
import type { SampleInput } from '@distillery/core';
import { type EvalReport, openProjectStore, runEval } from '@distillery/runtime';
import { gsm8kAnswerer } from '@distillery/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../__fixtures__/launch-chromium';
import { startWebE2e, type WebE2e, WIDTHS } from '../__fixtures__/web-e2e';
import { GSM8K_TRAIN } from '../__fixtures__/web-test-project';

const ITEMS = 30;
/** A reasoning teacher and a weak base model with known accuracies and prices (100 in, 50 out per call). */
const CONFIG = `export default {
  providers: { openai: { maxRetries: 0 } },
  models: {
    'teacher-r1': { reasoning: 'field', pricing: { inputPerMillion: 2, outputPerMillion: 8 } },
    'base-model': { reasoning: 'none', pricing: { inputPerMillion: 0.2, outputPerMillion: 0.4 } },
  },
  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction: 'Solve the maths word problem. End with a line "#### N" holding the final number.',
      runConfigs: [{ name: 'teacher', provider: 'openai', model: 'teacher-r1', flow: 'reasoning' }],
    },
  ],
  dataDir: '.distill',
};
`;

const problems = readFileSync(GSM8K_TRAIN, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .slice(0, ITEMS)
  .map((line) => {
    const { question, answer } = JSON.parse(line) as { question: string; answer: string };
    return { question, answer: /####\s*(.+)$/.exec(answer)![1]!.trim() };
  });
const answerer = gsm8kAnswerer({
  problems,
  accuracy: { 'teacher-r1': 0.9, 'base-model': 0.3 },
  reasoningModels: ['teacher-r1'],
});

function markedSample(id: string, problem: number, content: string): SampleInput {
  return {
    id,
    taskId: 'gsm8k',
    input: problems[problem]!.question,
    output: { content },
    reasoning: null,
    source: { type: 'human' },
    // Newest of all, so they head the sample list.
    createdAt: new Date(Date.UTC(2030, 0, 1) + problem).toISOString(),
  };
}

let e2e: WebE2e;
let report: EvalReport;

beforeAll(async () => {
  e2e = await startWebE2e({ gsm8kLines: ITEMS, config: CONFIG });
  e2e.mock.onChat(answerer.handler);
  const store = await openProjectStore(e2e.project.session);
  try {
    report = await runEval(e2e.project.session, store, {
      taskId: 'gsm8k',
      items: { type: 'file', file: 'gsm8k-slice.jsonl' },
      candidates: [
        { type: 'run-config', runConfig: 'teacher' },
        { type: 'model', provider: 'openai', model: 'base-model' },
      ],
      scorer: { id: 'numeric' },
    });
    // Samples that answer eval items' inputs (and one that answers nothing the eval asked).
    const teacherAnswer = report.perItem[2]!.answers.teacher!.content;
    await store.insertMany([
      markedSample('mark-right', 0, `Working.\n#### ${problems[0]!.answer}`),
      markedSample('mark-wrong', 1, `Working.\n#### ${Number(problems[1]!.answer) + 1}`),
      markedSample('mark-stored', 2, teacherAnswer),
      { ...markedSample('mark-none', 0, '#### 1'), input: 'A question no eval asked.' },
    ]);
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('the Evals page', () => {
  it('lists the stored eval with each candidate headline, at both widths', async () => {
    const teacher = report.candidates.find((c) => c.name === 'teacher')!;
    for (const width of WIDTHS) {
      const watched = await e2e.open(width);
      const { page } = watched;
      await page.goto(`${e2e.web.url}evals`);
      const row = page.getByTestId('eval-list').locator('tbody tr');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      const text = await row.first().innerText();
      expect(text).toContain(report.evalId);
      expect(text).toContain(`${(teacher.score.estimate! * 100).toFixed(1)}%`);
      expect(text).toContain('complete');
      expect(await page.title()).toBe('Evals · Distillery');
      // nothing wider than the window
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ animations: 'disabled', path: screenshotPath(`eval-list-${width}`) });
      const { errors, leaked } = await e2e.finish(watched);
      expect(errors).toEqual([]);
      expect(leaked).toBe(false);
    }
  });

  it('shows the report figures and charts of one eval, and each item side by side', async () => {
    const truth = problems.map((p) => answerer.answersCorrectly('teacher-r1', p.question));
    const baseTruth = problems.map((p) => answerer.answersCorrectly('base-model', p.question));
    const teacher = report.candidates.find((c) => c.name === 'teacher')!;
    const base = report.candidates.find((c) => c.name === 'openai:base-model')!;
    // the report agrees with what the mock was told
    expect(teacher.passes).toBe(truth.filter(Boolean).length);
    expect(base.passes).toBe(baseTruth.filter(Boolean).length);

    for (const width of WIDTHS) {
      const watched = await e2e.open(width);
      const { page } = watched;
      await page.goto(`${e2e.web.url}evals`);
      await page.getByTestId('eval-list').getByRole('link', { name: report.evalId }).click();
      await page.getByTestId('eval-candidates').waitFor();
      expect(page.url()).toBe(`${e2e.web.url}evals/${report.evalId}`);
      expect(await page.title()).toBe('Evals · Distillery');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Eval of task gsm8k');

      // score with its interval, per candidate, as the report computed it
      const candidates = page.getByTestId('eval-candidates');
      const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
      const teacherRow = await candidates.locator('tr', { hasText: 'reference' }).innerText();
      expect(teacherRow).toContain(
        `${pct(teacher.score.estimate!)} [${pct(teacher.score.lower!)}, ${pct(teacher.score.upper!)}]`,
      );
      expect(teacherRow).toContain(`$${teacher.costUsd.perCorrect!.toFixed(5)}`);
      // paired comparison: difference, McNemar, win/tie/loss, retained share
      const comparison = report.comparisons[0]!;
      const compared = await page.getByTestId('eval-comparisons').locator('tbody tr').innerText();
      expect(compared).toContain(comparison.mcnemar!.pValue.toPrecision(3));
      expect(compared).toContain(
        `${comparison.winTieLoss.wins} / ${comparison.winTieLoss.ties} / ${comparison.winTieLoss.losses}`,
      );
      expect(compared).toContain(`${(comparison.difference.estimate! * 100).toFixed(1)} pts`);
      expect(compared).toContain(pct(comparison.retained.estimate!));
      expect(comparison.difference.estimate!).toBeLessThan(0);

      // the three charts, drawn by the report's code: one bar per candidate, one dot per priced candidate
      expect(await page.getByTestId('eval-chart-score').locator('svg rect').count()).toBe(2);
      expect(await page.getByTestId('eval-chart-cost').locator('svg circle').count()).toBe(2);
      const wtl = page.getByTestId('eval-chart-wtl').locator('svg title');
      expect(await wtl.allTextContents()).toEqual([
        `wins: ${comparison.winTieLoss.wins}`,
        `ties: ${comparison.winTieLoss.ties}`,
        `losses: ${comparison.winTieLoss.losses}`,
      ]);

      // drill down: the first item the base model gets wrong and the teacher right
      await page.getByRole('button', { name: 'Candidates disagree' }).click();
      const disagreeing = truth.map((t, i) => t !== baseTruth[i]).filter(Boolean).length;
      await expect.poll(() => page.getByTestId('eval-items').locator('tbody tr').count()).toBe(disagreeing);
      const index = truth.findIndex((t, i) => t && !baseTruth[i]);
      await page
        .getByTestId('eval-items')
        .locator('tbody tr', { hasText: problems[index]!.question.slice(0, 40) })
        .click();
      const detail = page.getByTestId('eval-item-detail');
      await detail.getByText(`Item ${index + 1} ·`).waitFor();
      const teacherColumn = detail.locator('[data-candidate="teacher"]');
      const baseColumn = detail.locator('[data-candidate="openai:base-model"]');
      expect(await teacherColumn.locator('.verdict').innerText()).toBe('right');
      expect(await baseColumn.locator('.verdict').innerText()).toBe('wrong');
      expect(await teacherColumn.locator('.eval-reasoning').innerText()).not.toBe('');
      expect(await teacherColumn.locator('pre').last().innerText()).toContain(
        `#### ${problems[index]!.answer}`,
      );
      expect(await baseColumn.locator('pre').last().innerText()).not.toContain(
        `#### ${problems[index]!.answer}\n`,
      );
      // side by side: the two columns share a row
      const [a, b] = [await teacherColumn.boundingBox(), await baseColumn.boundingBox()];
      expect(Math.abs(a!.y - b!.y)).toBeLessThan(1);
      expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        animations: 'disabled',
        fullPage: true,
        path: screenshotPath(`eval-detail-${width}`),
      });
      const { errors, leaked } = await e2e.finish(watched);
      expect(errors).toEqual([]);
      expect(leaked).toBe(false);
    }
  });

  it('says when an eval has no stored report', async () => {
    const watched = await e2e.open(1024);
    await watched.page.goto(`${e2e.web.url}evals/eval_missing`);
    await watched.page.getByText('No finished run of eval eval_missing is stored.').waitFor();
    const { errors } = await e2e.finish(watched);
    // the 404 of the API call is the only console message
    expect(errors.every((e) => e.includes('404'))).toBe(true);
  });
});

describe('right/wrong marks on samples', () => {
  it('marks answers to an eval item against its reference, in the list and the drawer', async () => {
    const watched = await e2e.open(1024);
    const { page } = watched;
    await page.goto(`${e2e.web.url}samples`);
    const row = (id: string) => page.locator(`[data-testid="sample-row"][data-sample-id="${id}"]`);
    await row('mark-wrong').waitFor();
    expect(await row('mark-right').locator('.verdict').innerText()).toBe('right');
    expect(await row('mark-wrong').locator('.verdict').innerText()).toBe('wrong');
    // the eval's own score of this very answer, and where the mark comes from
    const stored = row('mark-stored').locator('.verdict');
    expect(await stored.innerText()).toBe(
      answerer.answersCorrectly('teacher-r1', problems[2]!.question) ? 'right' : 'wrong',
    );
    expect(await stored.getAttribute('title')).toContain(`as scored in ${report.evalId}`);
    expect(await row('mark-right').locator('.verdict').getAttribute('title')).toContain(
      `numeric 100%, against the reference of ${report.evalId}`,
    );
    // no eval asked this input: no mark
    expect(await row('mark-none').locator('.verdict').count()).toBe(0);

    await row('mark-wrong').click();
    const drawer = page.getByTestId('sample-drawer');
    await drawer.locator('.verdict').waitFor();
    expect(await drawer.locator('.verdict').textContent()).toBe('wrong');
    await page.screenshot({ animations: 'disabled', path: screenshotPath('sample-marks-1024') });
    const { errors } = await e2e.finish(watched);
    expect(errors).toEqual([]);
  });
});
