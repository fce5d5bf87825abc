import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContext } from '../../context/runtime-context';
import { openProjectStore } from '../../project/open-project-store';
import { openSession, type Session } from '../../session';
import type { SqliteSampleStore } from '../../store/open-sample-store';

export interface TestProject {
  dir: string;
  session: Session;
  store: SqliteSampleStore;
  cleanup(): Promise<void>;
}

/** A temp project with a real config (task `math`, plus `plain` without a thinking instruction) and store. */
export async function openTestProject(): Promise<TestProject> {
  const dir = mkdtempSync(path.join(tmpdir(), 'distill-dataset-'));
  writeFileSync(
    path.join(dir, 'distill.config.ts'),
    `export default {
  tasks: [
    { id: 'math', name: 'Maths', instruction: 'Solve it.', thinkingInstruction: 'Show your work.' },
    { id: 'plain', name: 'Plain', instruction: 'Answer.' },
  ],
  dataDir: '.distill',
};
`,
  );
  const session = await openSession(createContext({ cwd: dir }));
  const store = await openProjectStore(session);
  return {
    dir,
    session,
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
