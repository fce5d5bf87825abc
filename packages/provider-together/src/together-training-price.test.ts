import { describe, expect, it } from 'vitest';
import { modelSizeBillions, togetherTrainingPricePerMillionTokens } from './together-training-price';

describe('Together training list prices', () => {
  it('reads total parameters from model ids', () => {
    expect(modelSizeBillions('Qwen/Qwen3-8B')).toBe(8);
    expect(modelSizeBillions('Qwen/Qwen3-30B-A3B')).toBe(30);
    expect(modelSizeBillions('Qwen/Qwen3-0.6B')).toBe(0.6);
    expect(modelSizeBillions('meta-llama/Llama-3.3-70B-Instruct-Reference')).toBe(70);
    expect(modelSizeBillions('zai-org/GLM-4.6')).toBeUndefined();
  });

  it('prices by size tier and method, and knows nothing past the tiers', () => {
    expect(togetherTrainingPricePerMillionTokens('Qwen/Qwen3-8B', 'lora')).toBe(0.48);
    expect(togetherTrainingPricePerMillionTokens('Qwen/Qwen3-8B', 'full')).toBe(0.54);
    expect(togetherTrainingPricePerMillionTokens('Qwen/Qwen3-32B', 'lora')).toBe(1.5);
    expect(togetherTrainingPricePerMillionTokens('Qwen/Qwen3-235B-A22B', 'lora')).toBeUndefined();
  });
});
