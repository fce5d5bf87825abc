import { describe, expect, it } from 'vitest';
import { openAITrainingPricePerMillionTokens } from './openai-training-price';

describe('OpenAI training list prices', () => {
  it('matches models and their dated snapshots, longest name first', () => {
    expect(openAITrainingPricePerMillionTokens('gpt-4.1-mini-2025-04-14', 'lora')).toBe(5);
    expect(openAITrainingPricePerMillionTokens('gpt-4.1', 'full')).toBe(25);
    expect(openAITrainingPricePerMillionTokens('gpt-4.1-nano', 'lora')).toBe(1.5);
    expect(openAITrainingPricePerMillionTokens('gpt-4o-mini-2024-07-18', 'lora')).toBe(3);
    expect(openAITrainingPricePerMillionTokens('o3', 'lora')).toBeUndefined();
  });
});
