// Example project: train a student on this machine with your own script. The backend is loaded
// by package name; `distill plugins` lists it from its manifest without importing it.
// DISTILL_TRAINER_COMMAND (a JSON array) overrides the command, as the end-to-end test does.
const command = process.env.DISTILL_TRAINER_COMMAND
  ? JSON.parse(process.env.DISTILL_TRAINER_COMMAND)
  : ['python', 'train_sft.py'];

export default {
  plugins: [['@acme/distillery-trainer-command', { command, provider: 'vllm' }]],
  tasks: [
    {
      id: 'arithmetic',
      name: 'Small arithmetic',
      instruction: 'Solve the word problem. Reply with the number only.',
      thinkingInstruction: 'Think step by step.',
    },
  ],
  dataDir: '.distill',
};
