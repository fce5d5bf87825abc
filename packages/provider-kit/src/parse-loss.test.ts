import { describe, expect, it } from 'vitest';
import { parseLoss } from './parse-loss';

describe('parseLoss', () => {
  it('reads the training loss from progress messages', () => {
    expect(parseLoss('Epoch 1/3 completed, at step 4 (train loss 1.234)')).toBe(1.234);
    expect(parseLoss('New checkpoint saved at step 8 (train loss 0.5)')).toBe(0.5);
    expect(parseLoss('Step 10/20: training loss=2.5e-1')).toBe(0.25);
    expect(parseLoss('loss: 3')).toBe(3);
  });
  it('ignores messages without a training loss', () => {
    expect(parseLoss('Training started for model Qwen/Qwen3-8B')).toBeUndefined();
    expect(parseLoss('eval loss 0.7')).toBeUndefined();
    expect(parseLoss('validation loss: 0.7')).toBeUndefined();
  });
});
