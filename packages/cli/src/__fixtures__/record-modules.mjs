// Loaded with `node --import`: records the URL of every module the process loads, and writes
// them (one per line) to $DISTILL_MODULES_FILE when it exits.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const urls = [];
registerHooks({
  load(url, context, next) {
    urls.push(url);
    return next(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.DISTILL_MODULES_FILE, urls.join('\n')));
