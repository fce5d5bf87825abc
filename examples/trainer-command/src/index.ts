import type { TrainerV1 } from '@distillery/core';
import { createTrainerCommandBackend, type TrainerCommandOptions } from './create-trainer-command-backend';

export { checkChatFile } from './check-chat-file';
export { createTrainerCommandBackend, type TrainerCommandOptions } from './create-trainer-command-backend';

/**
 * Default export for configs: `['@acme/distillery-trainer-command', { command: [...] }]`. The
 * runtime passes `env` along with the config's options; only the documented ones are read.
 */
export default function trainerCommand(options: Partial<TrainerCommandOptions> = {}): TrainerV1 {
  return createTrainerCommandBackend({
    command: options.command ?? [],
    ...(options.id ? { id: options.id } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.jobsDir ? { jobsDir: options.jobsDir } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}
