import { checkPlugin } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import defaultExport, { deepseekR1, parsers, qwen3, thinkTags } from './index';

describe('@distillery/parser-deepseek', () => {
  it('default-exports the three presets so a config can name the package', () => {
    expect(defaultExport).toBe(parsers);
    expect(parsers.map((p) => p.id)).toEqual(['deepseek-r1', 'think-tags', 'qwen3']);
    expect(parsers).toEqual([deepseekR1, thinkTags, qwen3]);
    for (const plugin of parsers) expect(checkPlugin(plugin, '@distillery/parser-deepseek')).toBe(plugin);
  });

  it('lists each preset’s markers', () => {
    expect(deepseekR1.markers).toEqual(['<think>', '</think>']);
    expect(thinkTags.markers).toEqual(['<think>', '</think>']);
    expect(qwen3.markers).toEqual(['<think>', '</think>', '<tool_call>']);
  });
});
