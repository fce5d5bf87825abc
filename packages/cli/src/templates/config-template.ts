/** The commented config `distill init` writes. */
export function blankConfigTemplate(): string {
  return `// Distillery project config. Docs: every key is type-checked by defineConfig.
import { defineConfig } from '@distillery/core';

export default defineConfig({
  // Plugins beyond the built-in ones (the <think> parsers, OpenAI-compatible, Together and
  // Anthropic providers, the three call flows). A package name is resolved from this folder:
  //   plugins: ['@acme/distillery-parser-mistral', ['some-plugin', { option: 1 }]],
  plugins: [],

  // Provider settings. Keys come from the environment (OPENAI_API_KEY, TOGETHER_API_KEY,
  // ANTHROPIC_API_KEY) unless you name another variable with apiKeyEnv. Never paste keys here.
  //   providers: { deepseek: { plugin: 'openai', baseURL: 'https://api.deepseek.com', apiKeyEnv: 'DEEPSEEK_API_KEY' } },
  providers: {},

  // Prices and reasoning behaviour of models the catalog does not know (USD per million tokens):
  //   models: { 'my-model': { reasoning: 'inline', parser: 'think-tags', pricing: { inputPerMillion: 0.2, outputPerMillion: 0.6 } } },
  models: {},

  // What the student must learn. The thinking instruction is kept apart from the instruction.
  tasks: [
    {
      id: 'my-task',
      name: 'My task',
      instruction: 'Describe the task for the model here.',
      thinkingInstruction: 'Think step by step, explaining your reasoning.',
      // inputSchema / outputSchema: JSON Schema objects, optional.
      runConfigs: [
        // { name: 'teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1', flow: 'reasoning', parser: 'deepseek-r1' },
      ],
    },
  ],

  // Where samples, datasets and fine-tunes are stored, relative to this file.
  dataDir: '.distill',
});
`;
}

/** The GSM8K example project: grade-school maths word problems with worked solutions. */
export function gsm8kConfigTemplate(): string {
  return `// Distillery example: distil step-by-step maths reasoning (GSM8K) into a small model.
import { defineConfig } from '@distillery/core';

export default defineConfig({
  plugins: [],
  providers: {},
  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction:
        'Solve the maths word problem. Reply with the final numeric answer only: digits, no units, no commas.',
      thinkingInstruction: 'Think step by step: write out each calculation before giving the answer.',
      inputSchema: { type: 'string' },
      outputSchema: { type: 'string' },
      runConfigs: [
        // A reasoning teacher on Together: the thinking comes back in a response field.
        { name: 'r1-teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1', flow: 'reasoning', parser: 'deepseek-r1' },
        // Any model through the two-message chain-of-thought flow.
        { name: 'cot-teacher', provider: 'openai', model: 'gpt-4.1-mini', flow: 'cot' },
      ],
    },
  ],
  dataDir: '.distill',
});
`;
}
