import path from 'node:path';
import { formatCheckReport } from '@distillery/check';
import type { Command } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { RegisterCommand } from '../command-context';
import { parseNumberFlag } from '../parse-number-flag';

export interface CheckCommandOptions {
  backend: string;
  model?: string;
  maxSeqLength?: string;
  against?: string;
  strict?: boolean;
  reasoning?: boolean;
  json?: boolean;
}

/** Exit code when the backend would reject the file (or, with --strict, when lint found problems). */
export const EXIT_CHECK_FAILED = 1;

export const registerCheckCommand: RegisterCommand = (program, { io, session, setExitCode }) => {
  program
    .command('check')
    .description('check a fine-tuning file against every rule the provider enforces, plus reasoning lint')
    .argument('<file>', 'the JSONL file to check')
    .option('--backend <id>', 'the fine-tune backend whose rules apply (see `distill plugins`)', 'together')
    .option('--model <model>', 'base model: sets the maximum sequence length for the size lint')
    .option('--max-seq-length <n>', 'maximum tokens per example (overrides the model default)')
    .option('--against <file>', 'validation file: report examples that appear in both')
    .option('--reasoning', 'a reasoning dataset: every example must carry reasoning')
    .option('--strict', 'lint findings are errors too (export and training use this)')
    .option('--json', 'print {"ok", "format", "samples", "errors", "warnings", "stats"}')
    .action(async (file: string, options: CheckCommandOptions, command: Command) => {
      const maxSeqLength = parseNumberFlag('--max-seq-length', options.maxSeqLength, { integer: true });
      // The backend checks with its own rules (its contract's `check`).
      const { plugins } = await session(command);
      checkPluginFlag(plugins, 'fine-tune-backend', options.backend, '--backend');
      const backend = await plugins.backend(options.backend);
      const report = await backend.check(path.resolve(io.cwd, file), {
        ...(options.model ? { model: options.model } : {}),
        ...(maxSeqLength ? { maxSeqLength } : {}),
        ...(options.against ? { against: path.resolve(io.cwd, options.against) } : {}),
        ...(options.strict ? { strict: true } : {}),
        ...(options.reasoning ? { expectReasoning: true } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      if (options.json) {
        const { ok, format, samples, errors, warnings, stats } = report;
        io.stdout.write(`${JSON.stringify({ ok, format, samples, errors, warnings, stats })}\n`);
      } else {
        io.stdout.write(`${formatCheckReport(report, { maxErrors: 20 })}\n`);
      }
      if (!report.ok) setExitCode(EXIT_CHECK_FAILED);
    });
};
