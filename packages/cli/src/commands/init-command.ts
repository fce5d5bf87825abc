import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '@distillery/core/contracts';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';
import { blankConfigTemplate, gsm8kConfigTemplate } from '../templates/config-template';
import { writeFileAtomic } from '../write-file-atomic';

const EXAMPLES: Record<string, () => string> = { gsm8k: gsm8kConfigTemplate };

export interface InitOptions {
  example?: string;
  force?: boolean;
  json?: boolean;
}

/** `distill init [DIR]`: scaffold a project folder with a commented distill.config.ts. */
export async function initCommand(dir: string | undefined, options: InitOptions, io: CliIO): Promise<void> {
  const target = path.resolve(io.cwd, dir ?? '.');
  const template = options.example ? EXAMPLES[options.example] : blankConfigTemplate;
  if (!template) {
    throw new UserError(`Unknown example "${options.example}".`, {
      exitCode: 2,
      advice: `Known examples: ${Object.keys(EXAMPLES).join(', ')}.`,
    });
  }
  const configFile = path.join(target, 'distill.config.ts');
  if (existsSync(configFile) && !options.force) {
    throw new UserError(`${configFile} already exists; not overwriting it.`, {
      advice: 'Pick another folder, or pass --force to replace the config (your data directory is kept).',
    });
  }
  await writeFileAtomic(configFile, template());
  const gitignore = path.join(target, '.gitignore');
  if (!existsSync(gitignore)) await writeFileAtomic(gitignore, '.distill/\nnode_modules/\n');
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ dir: target, config: configFile, example: options.example ?? null })}\n`,
    );
    return;
  }
  const style = styleFor(io.stdout, io.env);
  io.stdout.write(`${style.green('Created')} ${configFile}\n`);
  io.stdout.write(
    `${style.dim('Next: edit the task, then')} distill plugins ${style.dim('and')} distill run --provider together --model deepseek-ai/DeepSeek-R1 --input "..."\n`,
  );
}

export const registerInitCommand: RegisterCommand = (program, { io }) => {
  program
    .command('init')
    .description('scaffold a project folder with a commented distill.config.ts')
    .argument('[dir]', 'project folder', '.')
    .option('--example <name>', 'start from an example project (gsm8k)')
    .option('--force', 'replace an existing distill.config.ts')
    .option('--json', 'print a JSON result')
    .action(async (dir: string, options: InitOptions) => initCommand(dir, options, io));
};
