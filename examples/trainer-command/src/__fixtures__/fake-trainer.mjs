// A stand-in for a TRL/Axolotl training script: reads the job from DISTILL_* variables, counts
// the training examples, prints JSON-lines progress as a real script's logging callback would,
// then waits until the test drops a `release` file in its output folder (or it is stopped), and
// writes an adapter file there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = process.env.DISTILL_OUTPUT_DIR;
const examples = readFileSync(process.env.DISTILL_TRAIN_FILE, 'utf8').split('\n').filter(Boolean).length;
const hyperparameters = JSON.parse(process.env.DISTILL_HYPERPARAMETERS ?? '{}');
const total = 3;
console.log(`loading ${process.env.DISTILL_BASE_MODEL}: ${examples} examples, ${hyperparameters.nEpochs ?? 1} epoch(s)`);
for (let step = 1; step <= total; step++) {
  console.log(JSON.stringify({ step, total_steps: total, loss: Number((2 / step).toFixed(3)) }));
}
process.on('SIGTERM', () => {
  console.error('stopped by SIGTERM');
  process.exit(143);
});
const release = path.join(out, 'release');
const wait = setInterval(() => {
  if (!existsSync(release)) return;
  clearInterval(wait);
  writeFileSync(path.join(out, 'adapter_model.safetensors'), 'fake weights');
  console.log(JSON.stringify({ message: 'saved adapter', step: total, total_steps: total }));
}, 20);
