import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { projectDataDir } from '@distillery/runtime';
import { HttpError } from '../http-error';
import type { Route } from '../route';

/** The folder the dataset check writes its exports to (`.distill/exports`). */
export function exportsDir(session: Parameters<typeof projectDataDir>[0]): string {
  return path.join(projectDataDir(session), 'exports');
}

/** Passes text through `redact` a whole line at a time (a secret never spans lines). */
function redactLines(redact: (text: string) => string): Transform {
  let rest = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = rest + chunk.toString('utf8');
      const end = text.lastIndexOf('\n') + 1;
      rest = text.slice(end);
      done(null, end > 0 ? redact(text.slice(0, end)) : undefined);
    },
    flush(done) {
      done(null, rest ? redact(rest) : undefined);
    },
  });
}

/** Exported files, offered for download (only files directly inside the exports folder). */
export const exportRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/exports/:name',
    async handler({ ctx, params, res, signal }) {
      const name = params.name!;
      if (name !== path.basename(name) || name.startsWith('.') || !name.endsWith('.jsonl')) {
        throw new HttpError(400, `"${name}" is not the name of an exported file.`);
      }
      const file = path.join(exportsDir(ctx.session), name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        throw new HttpError(404, `No export named "${name}".`, {
          advice: 'Export it again from the dataset page.',
        });
      }
      res.writeHead(200, {
        'content-type': 'application/jsonl; charset=utf-8',
        'content-disposition': `attachment; filename="${name.replace(/["\\]/g, '_')}"`,
        'cache-control': 'no-store',
      });
      await pipeline(createReadStream(file), redactLines(ctx.redact), res, { signal }).catch(() =>
        res.destroy(),
      );
      return undefined;
    },
  },
];
