import type { ModelInfo } from '@distillery/core';
import harmonyPackage from '@distillery/parser-harmony/package.json' with { type: 'json' };
import markersPackage from '@distillery/parser-markers/package.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { chooseParser, type ParserCandidate } from './choose-parser';

// The manifests the packages publish: choosing reads these, never the parsers' code.
const parsers: readonly ParserCandidate[] = [
  ...markersPackage.distillery.plugins,
  ...harmonyPackage.distillery.plugins,
];
const pick = (model: string, extra: Partial<Parameters<typeof chooseParser>[0]> = {}) =>
  chooseParser({ parsers, model, ...extra });

describe('chooseParser', () => {
  it('maps common serving names to their family', () => {
    const expected: Record<string, string> = {
      'openai/gpt-oss-120b': 'gpt-oss',
      'gpt-oss:20b': 'gpt-oss',
      'zai-org/GLM-4.6': 'glm45',
      'zai-org/GLM-4.5-Air': 'glm45',
      'zai-org/GLM-4.7': 'glm47',
      'moonshotai/Kimi-K2-Thinking': 'kimi-k2',
      'moonshotai/Kimi-VL-A3B-Thinking-2506': 'kimi-vl',
      'deepseek-ai/DeepSeek-R1': 'deepseek-r1',
      'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B': 'deepseek-r1',
      'deepseek-ai/DeepSeek-R1-0528-Qwen3-8B': 'deepseek-r1',
      'deepseek-r1:7b': 'deepseek-r1',
      'Qwen/QwQ-32B': 'deepseek-r1',
      'Qwen/Qwen3-8B': 'qwen3',
      'qwen3:8b': 'qwen3',
      'Qwen/Qwen3-235B-A22B-Thinking-2507': 'qwen3-thinking',
      'ibm-granite/granite-3.2-8b-instruct': 'granite',
      'ibm-granite/granite-3.3-8b-instruct': 'granite-tags',
      'mistralai/Magistral-Small-2509': 'magistral',
      'mistralai/Magistral-Small-2506': 'think-tags',
      'tencent/Hunyuan-A13B-Instruct': 'hunyuan-a13b',
      'MiniMaxAI/MiniMax-M2': 'minimax-m2',
      'ByteDance-Seed/Seed-OSS-36B-Instruct': 'seed-oss',
      'nvidia/Llama-3_3-Nemotron-Super-49B-v1_5': 'nemotron',
      'stepfun-ai/step3': 'step3',
      'baidu/ERNIE-4.5-21B-A3B-Thinking': 'ernie45',
      'allenai/Olmo-3-7B-Think': 'olmo3',
      'microsoft/Phi-4-reasoning-plus': 'think-tags',
      'CohereLabs/command-a-reasoning-08-2025': 'command-a',
      'LGAI-EXAONE/EXAONE-4.0-32B': 'deepseek-r1',
      'LGAI-EXAONE/EXAONE-4.0.1-32B': 'deepseek-r1',
      'XiaomiMiMo/MiMo-7B-RL': 'qwen3',
      'XiaomiMiMo/MiMo-V2-Flash': 'qwen3',
      'tencent/Hunyuan-3-Instruct': 'deepseek-r1',
      'hy-v3': 'deepseek-r1',
    };
    const got = Object.fromEntries(Object.keys(expected).map((model) => [model, pick(model)?.id]));
    expect(got).toEqual(expected);
    expect(pick('openai/gpt-oss-120b')?.reason).toBe('model pattern "gpt-oss"');
    // Hunyuan 3's pattern does not take other Hunyuan sizes or other ids ending in 3.
    for (const model of ['tencent/Hunyuan-3B-Instruct', 'tencent/Hunyuan-7B-Instruct', 'acme/why-3'])
      expect(pick(model), model).toBeUndefined();
  });

  it('gives a fine-tune its frozen parser, else its base model’s', () => {
    const fineTunes = [
      { id: 'ft-1', baseModel: 'Qwen/Qwen3-8B', resultModel: 'acct/my-student-1a2b' },
      { id: 'ft-2', baseModel: 'Qwen/Qwen3-8B', resultModel: 'acct/frozen-3c4d', parser: 'deepseek-r1' },
      { id: 'ft-3', baseModel: 'acct/my-student-1a2b', resultModel: 'acct/student-of-student' },
    ];
    expect(pick('acct/my-student-1a2b', { fineTunes })).toMatchObject({
      id: 'qwen3',
      reason: 'model pattern "qwen3" (fine-tune ft-1 of Qwen/Qwen3-8B)',
    });
    expect(pick('acct/frozen-3c4d', { fineTunes })?.id).toBe('deepseek-r1');
    expect(pick('acct/student-of-student', { fineTunes })?.id).toBe('qwen3');
    // A fine-tune's name usually carries its base model's, which is enough without a record.
    expect(pick('acct/Qwen3-8B-gsm8k-5e6f')?.id).toBe('qwen3');
  });

  it('prefers an inline catalog entry’s parser over the patterns, and finds nothing for unknown models', () => {
    const catalog: ModelInfo[] = [
      { id: 'my/r1-clone', provider: 'openai', reasoning: 'inline', parser: 'glm47', structuredOutput: [] },
    ];
    expect(pick('my/r1-clone', { catalog })).toMatchObject({
      id: 'glm47',
      reason: 'catalog entry my/r1-clone',
    });
    expect(pick('gpt-4o-mini')).toBeUndefined();
  });
});
