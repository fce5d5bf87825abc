import type { RegisterCommand } from '../command-context';

/**
 * One `distill` command as help shows it, without importing its module: its name, the term help
 * prints (`parse [options] [file]`) and its one-line description. `load` imports the module that
 * registers it (one module may register several commands). `commands/index.test.ts` checks each
 * entry against what its module registers.
 */
export interface CommandEntry {
  name: string;
  term: string;
  summary: string;
  load: () => Promise<RegisterCommand>;
}

const fineTune = async () => (await import('./fine-tune-commands')).registerFineTuneCommands;

/** Every `distill` command, in help order. A new command is a file here and one entry below. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'init',
    term: 'init [options] [dir]',
    summary: 'scaffold a project folder with a commented distill.config.ts',
    load: async () => (await import('./init-command')).registerInitCommand,
  },
  {
    name: 'plugins',
    term: 'plugins [options]',
    summary: 'list the known plugins: id, kind, package, version, capabilities',
    load: async () => (await import('./plugins-command')).registerPluginsCommand,
  },
  {
    name: 'parse',
    term: 'parse [options] [file]',
    summary: 'split raw model output into reasoning and answer',
    load: async () => (await import('./parse-command')).registerParseCommand,
  },
  {
    name: 'run',
    term: 'run [options]',
    summary: 'run one input through a provider, model and call flow',
    load: async () => (await import('./run-command')).registerRunCommand,
  },
  {
    name: 'import',
    term: 'import [options] <file>',
    summary: 'import samples from JSONL or CSV (all or nothing; duplicates are skipped)',
    load: async () => (await import('./import-command')).registerImportCommand,
  },
  {
    name: 'generate',
    term: 'generate [options]',
    summary: 'generate samples: a teacher run config answers inputs from a file or a topic tree',
    load: async () => (await import('./generate-command')).registerGenerateCommand,
  },
  {
    name: 'batches',
    term: 'batches',
    summary: 'provider batches submitted by `generate --batch` and `eval --batch`: list, status, cancel',
    load: async () => (await import('./batches-command')).registerBatchesCommand,
  },
  {
    name: 'samples',
    term: 'samples',
    summary: 'list, show, tag, rate and delete stored samples',
    load: async () => (await import('./samples-command')).registerSamplesCommand,
  },
  {
    name: 'dataset',
    term: 'dataset',
    summary: 'frozen datasets: filtered samples split into train/val/test by a seed',
    load: async () => (await import('./dataset-command')).registerDatasetCommand,
  },
  {
    name: 'export',
    term: 'export [options] <dataset>',
    summary: 'write a split of a dataset as training JSONL for a fine-tuning backend',
    load: async () => (await import('./export-command')).registerExportCommand,
  },
  {
    name: 'check',
    term: 'check [options] <file>',
    summary: 'check a fine-tuning file against every rule the provider enforces, plus reasoning lint',
    load: async () => (await import('./check-command')).registerCheckCommand,
  },
  {
    name: 'train',
    term: 'train [options]',
    summary:
      'fine-tune a student on a dataset (checked, uploaded, started); --dry-run shows the plan and price',
    load: async () => (await import('./train-command')).registerTrainCommand,
  },
  { name: 'jobs', term: 'jobs [options]', summary: 'list this project’s fine-tunes', load: fineTune },
  {
    name: 'status',
    term: 'status [options] <id>',
    summary: 'a fine-tune’s status from its provider; --watch follows it to the end',
    load: fineTune,
  },
  {
    name: 'events',
    term: 'events [options] <id>',
    summary: 'a fine-tune’s events from its provider',
    load: fineTune,
  },
  { name: 'cancel', term: 'cancel [options] <id>', summary: 'cancel a running fine-tune', load: fineTune },
  {
    name: 'deploy',
    term: 'deploy [options] <id>',
    summary: 'deploy a completed fine-tune to a dedicated endpoint',
    load: fineTune,
  },
  {
    name: 'endpoints',
    term: 'endpoints',
    summary: 'dedicated endpoints (they bill by the hour while they run): list, stop',
    load: async () => (await import('./endpoints-command')).registerEndpointsCommand,
  },
  {
    name: 'eval',
    term: 'eval [options]',
    summary:
      'evaluate candidates (teacher, fine-tunes, base models) on the same frozen items, with intervals and costs',
    load: async () => (await import('./eval-command')).registerEvalCommand,
  },
  {
    name: 'web',
    term: 'web [options]',
    summary: 'serve the local web front end: samples, playground, datasets and fine-tunes in the browser',
    load: async () => (await import('./web-command')).registerWebCommand,
  },
];

/** The entry of a command by name. */
export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}
