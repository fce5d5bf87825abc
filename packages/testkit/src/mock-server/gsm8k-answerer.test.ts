import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gsm8kAnswerer } from './gsm8k-answerer';
import { type MockServer, startMockServer } from './start-mock-server';

const problems = Array.from({ length: 400 }, (_, i) => ({
  question: `Problem ${i}: what is ${i} + ${i}?`,
  answer: String(2 * i),
}));

describe('gsm8kAnswerer', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());

  it('answers each question right with about the chosen share, the same way every time', () => {
    const answerer = gsm8kAnswerer({ problems, accuracy: { strong: 0.9, weak: 0.3 } });
    const share = (model: string) =>
      problems.filter((p) => answerer.answersCorrectly(model, p.question)).length / problems.length;
    // 400 draws: within 4 standard errors of the chosen accuracy.
    expect(Math.abs(share('strong') - 0.9)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / 400));
    expect(Math.abs(share('weak') - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 400));
    expect(share('unknown-model')).toBe(0);
    const again = gsm8kAnswerer({ problems, accuracy: { strong: 0.9, weak: 0.3 } });
    expect(problems.map((p) => again.answersCorrectly('strong', p.question))).toEqual(
      problems.map((p) => answerer.answersCorrectly('strong', p.question)),
    );
    const reseeded = gsm8kAnswerer({ problems, accuracy: { strong: 0.9 }, seed: 'other' });
    expect(problems.map((p) => reseeded.answersCorrectly('strong', p.question))).not.toEqual(
      problems.map((p) => answerer.answersCorrectly('strong', p.question)),
    );
  });

  it('replies over HTTP with #### and the right or a wrong number, and the usage it was given', async () => {
    const answerer = gsm8kAnswerer({
      problems,
      accuracy: { strong: 0.9 },
      usage: { prompt_tokens: 7, completion_tokens: 3 },
    });
    server.onChat(answerer.handler);
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL });
    for (const problem of problems.slice(0, 12)) {
      const response = await client.chat.completions.create({
        model: 'strong',
        messages: [
          { role: 'system', content: 'Solve it.' },
          { role: 'user', content: problem.question },
        ],
      });
      const text = response.choices[0]!.message.content ?? '';
      const final = /#### (\S+)$/.exec(text)?.[1];
      expect(final === problem.answer).toBe(answerer.answersCorrectly('strong', problem.question));
      expect(response.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3 });
    }
    server.onChat(undefined);
  });
});
