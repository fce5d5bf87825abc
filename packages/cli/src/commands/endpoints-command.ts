import { type EndpointView, listEndpoints, openProjectStore, stopEndpoint } from '@distillery/runtime';
import { type Command, Option } from 'commander';
import type { RegisterCommand } from '../command-context';
import { type Style, styleFor } from '../style';

function line(e: EndpointView, style: Style): string {
  const price = e.usdPerHour === undefined ? 'price unknown' : `$${e.usdPerHour.toFixed(2)}/hour per replica`;
  return [
    e.id,
    e.billing ? style.yellow(e.state) : style.dim(e.state),
    e.name,
    e.hardware ?? '?',
    e.billing ? price : style.dim(`${price}, not billing`),
    e.fineTuneId ? `fine-tune ${e.fineTuneId}` : style.dim('not from this project'),
  ].join('  ');
}

/** `distill endpoints list|stop`: the dedicated endpoints that bill by the hour, and stopping them. */
export const registerEndpointsCommand: RegisterCommand = (program, { io, session }) => {
  const endpoints = program
    .command('endpoints')
    .description('dedicated endpoints (they bill by the hour while they run): list, stop');
  const backendOption = () => new Option('--backend <id>', 'fine-tuning backend').default('together');

  endpoints
    .command('list')
    .description('every dedicated endpoint of the account, its hourly price and the fine-tune it serves')
    .addOption(backendOption())
    .option('--json', 'print a JSON array')
    .action(async (options: { backend: string; json?: boolean }, command: Command) => {
      const s = await session(command);
      const store = await openProjectStore(s);
      let list: EndpointView[];
      try {
        list = await listEndpoints(s, store, options.backend);
      } finally {
        await store.close();
      }
      if (options.json) {
        io.stdout.write(`${JSON.stringify(list)}\n`);
        return;
      }
      const style = styleFor(io.stdout, io.env);
      if (list.length === 0)
        io.stdout.write(`${style.dim(`No dedicated endpoints on ${options.backend}.`)}\n`);
      for (const e of list) io.stdout.write(`${line(e, style)}\n`);
      const running = list.filter((e) => e.billing);
      if (running.length > 0) {
        const total = running.reduce((sum, e) => sum + (e.usdPerHour ?? 0), 0);
        io.stdout.write(
          `${running.length} running, at least $${total.toFixed(2)}/hour. Stop one: distill endpoints stop ID\n`,
        );
      }
    });

  endpoints
    .command('stop')
    .description('stop an endpoint so it stops billing (by endpoint id, name, or fine-tune id)')
    .argument('<id>', 'endpoint id, endpoint name, or the fine-tune it serves')
    .addOption(backendOption())
    .option('--json', 'print the endpoint as JSON')
    .action(async (id: string, options: { backend: string; json?: boolean }, command: Command) => {
      const s = await session(command);
      const store = await openProjectStore(s);
      let stopped: EndpointView;
      try {
        stopped = await stopEndpoint(s, store, options.backend, id);
      } finally {
        await store.close();
      }
      if (options.json) io.stdout.write(`${JSON.stringify(stopped)}\n`);
      else io.stdout.write(`Stopping ${stopped.id} (${stopped.name}): ${stopped.state}\n`);
    });
};
