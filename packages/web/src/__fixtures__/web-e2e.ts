import { type MockServer, type MockServerOptions, startMockServer } from '@distillery/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebServer, type WebServer, type StartWebServerOptions } from '../server/start-web-server';
import { launchChromium } from './launch-chromium';
import { createWebTestProject, type WebTestProject } from './web-test-project';
import type { SampleInput } from '@distillery/core';

/** The widths every page must work at: a small laptop and a desktop. */
export const WIDTHS = [1024, 1440] as const;

/** A page of one test, in its own browser context, that records what a user must never see. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  /** Bodies of the server's JSON, HTML and event-stream responses. */
  bodies: Promise<string>[];
}

export interface WebE2e {
  mock: MockServer;
  project: WebTestProject;
  web: WebServer;
  browser: Browser;
  /** The API key the providers read: it must never reach the browser. */
  key: string;
  open(width?: number): Promise<WatchedPage>;
  /** Closes the page's context and returns its console errors and whether any body held the key. */
  finish(watched: WatchedPage): Promise<{ errors: string[]; leaked: boolean }>;
  close(): Promise<void>;
}

/**
 * Chromium, the testkit's mock provider server, a temp GSM8K project and the web server on it:
 * everything a browser test needs, each test opening its own page so none depends on another.
 */
export async function startWebE2e(options: {
  gsm8kLines: number;
  extra?: readonly SampleInput[];
  config?: string;
  mock?: MockServerOptions;
  web?: Partial<Omit<StartWebServerOptions, 'session'>>;
}): Promise<WebE2e> {
  const key = 'sk-e2e-secret-abcdef0123456789';
  const browser = await launchChromium();
  const mock = await startMockServer(options.mock);
  const project = await createWebTestProject({
    gsm8kLines: options.gsm8kLines,
    ...(options.extra ? { extra: options.extra } : {}),
    ...(options.config ? { config: options.config } : {}),
    env: {
      OPENAI_API_KEY: key,
      OPENAI_BASE_URL: mock.openaiBaseURL,
      TOGETHER_API_KEY: key,
      TOGETHER_BASE_URL: mock.togetherBaseURL,
    },
  });
  const web = await startWebServer({ port: 0, ...options.web, session: project.session });
  return {
    mock,
    project,
    web,
    browser,
    key,
    async open(width = 1440) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const watched: WatchedPage = { page, context, errors: [], bodies: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') watched.errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => watched.errors.push(error.stack ?? error.message));
      page.on('response', (response) => {
        if (!response.url().startsWith(web.url)) return;
        const type = response.headers()['content-type'] ?? '';
        if (type.includes('json') || type.includes('html') || type.includes('event-stream'))
          watched.bodies.push(response.text().catch(() => ''));
      });
      return watched;
    },
    async finish(watched) {
      await watched.context.close();
      const bodies = await Promise.all(watched.bodies);
      return { errors: watched.errors, leaked: bodies.some((b) => b.includes(key)) };
    },
    async close() {
      await browser.close();
      await web.close();
      await mock.close();
      project.cleanup();
    },
  };
}
