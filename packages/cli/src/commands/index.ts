import type { RegisterCommand } from '../command-context';
import { registerBatchesCommand } from './batches-command';
import { registerCheckCommand } from './check-command';
import { registerDatasetCommand } from './dataset-command';
import { registerExportCommand } from './export-command';
import { registerFineTuneCommands } from './fine-tune-commands';
import { registerGenerateCommand } from './generate-command';
import { registerImportCommand } from './import-command';
import { registerInitCommand } from './init-command';
import { registerParseCommand } from './parse-command';
import { registerPluginsCommand } from './plugins-command';
import { registerRunCommand } from './run-command';
import { registerSamplesCommand } from './samples-command';
import { registerTrainCommand } from './train-command';
import { registerWebCommand } from './web-command';

/** Every `distill` command, in help order. A new command is a file here and one line below. */
export const commands: readonly RegisterCommand[] = [
  registerInitCommand,
  registerPluginsCommand,
  registerParseCommand,
  registerRunCommand,
  registerImportCommand,
  registerGenerateCommand,
  registerBatchesCommand,
  registerSamplesCommand,
  registerDatasetCommand,
  registerExportCommand,
  registerCheckCommand,
  registerTrainCommand,
  registerFineTuneCommands,
  registerWebCommand,
];
