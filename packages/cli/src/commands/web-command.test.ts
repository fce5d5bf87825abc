import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../__fixtures__/run-cli';

const KEY = 'sk-cli-web-secret-0123456789';
const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-web-cli-'));
writeFileSync(
  path.join(dir, 'distill.config.ts'),
  "export default { tasks: [{ id: 'qa', name: 'Questions', instruction: 'Answer.' }] };\n",
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('distill web', () => {
  it('serves the front end on 127.0.0.1 until interrupted, guarding changes with the launch token', async () => {
    const child = spawn(process.execPath, [BIN, 'web', '--port', '0', '--json'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', OPENAI_API_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('close', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await (await fetch(url)).text();
    const token = /name="distill-token" content="([^"]+)"/.exec(page)?.[1];
    expect(token).toBeTruthy();
    const project = await (await fetch(`${url}api/project`)).text();
    expect(JSON.parse(project).tasks[0].id).toBe('qa');
    expect(project).not.toContain(KEY);
    const refused = await fetch(`${url}api/samples/x`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"rating":1}',
    });
    expect(refused.status).toBe(403);
    const missing = await fetch(`${url}api/samples/x`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-distill-token': token! },
      body: '{"rating":1}',
    });
    expect(missing.status).toBe(404);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('rejects a bad port', async () => {
    const run = await runCli(['web', '--port', 'eighty'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});
