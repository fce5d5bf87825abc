import { spawn } from 'node:child_process';

/**
 * Opens a URL in the system browser, best effort: false when no opener could be started. The
 * `BROWSER` environment variable names the opener when set (the usual convention); otherwise
 * the platform's own (`open`, `start`, `xdg-open`).
 */
export function openBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<boolean> {
  const chosen = env.BROWSER?.trim();
  const [command, args]: [string, string[]] = chosen
    ? [chosen, [url]]
    : platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
