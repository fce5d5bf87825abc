// Example project: distil step-by-step maths reasoning (GSM8K) into a small model.
import { defineConfig } from '@distillery/core';

export default defineConfig({
  // A third-party parser, loaded by package name from this folder's node_modules. The built-in
  // <think> parsers and the OpenAI-compatible, Together and Anthropic providers are always there.
  plugins: ['@acme/distillery-parser-mistral'],

  // Keys come from TOGETHER_API_KEY / OPENAI_API_KEY in the environment, never from this file.
  providers: {},

  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction:
        'Solve the maths word problem. Reply with the final numeric answer only: digits, no units, no commas.',
      thinkingInstruction: 'Think step by step: write out each calculation before giving the answer.',
      runConfigs: [
        // A reasoning teacher on Together: its thinking comes back in a response field.
        {
          name: 'r1-teacher',
          provider: 'together',
          model: 'deepseek-ai/DeepSeek-R1',
          flow: 'reasoning',
          parser: 'deepseek-r1',
        },
        // Any model through the two-message chain-of-thought flow.
        { name: 'cot-teacher', provider: 'openai', model: 'gpt-4.1-mini', flow: 'cot' },
      ],
    },
  ],
  dataDir: '.distill',
});
