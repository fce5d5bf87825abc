// Example project: score free-text answers by their similarity to the reference with a
// third-party scorer, loaded by package name. `distill plugins` lists it from its manifest;
// `distill eval --scorer similarity` uses it.
export default {
  plugins: ['@acme/distillery-scorer-similarity'],
  models: {
    'capital-teacher': { reasoning: 'none', pricing: { inputPerMillion: 1, outputPerMillion: 2 } },
    'capital-student': { reasoning: 'none', pricing: { inputPerMillion: 0.1, outputPerMillion: 0.2 } },
  },
  tasks: [
    {
      id: 'capitals',
      name: 'Capitals',
      instruction: 'Name the capital city of the country. Reply with the city only.',
      runConfigs: [{ name: 'teacher', provider: 'openai', model: 'capital-teacher', flow: 'single' }],
    },
  ],
  dataDir: '.distill',
};
