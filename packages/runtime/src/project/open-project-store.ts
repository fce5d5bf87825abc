import path from 'node:path';
import type { Session } from '../session';
import { openSampleStore, type SqliteSampleStore } from '../store/open-sample-store';

/** The project's data directory: `dataDir` from the config, relative to the config's folder. */
export function projectDataDir(session: Session): string {
  return path.resolve(session.config.dir, session.config.config.dataDir);
}

/** Opens the project's embedded store (created on first use). Close it when done. */
export function openProjectStore(session: Session): Promise<SqliteSampleStore> {
  return openSampleStore({ dir: projectDataDir(session) });
}
