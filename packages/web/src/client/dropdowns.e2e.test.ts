import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../__fixtures__/launch-chromium';
import { startWebE2e, type WebE2e } from '../__fixtures__/web-e2e';

let e2e: WebE2e;

beforeAll(async () => {
  e2e = await startWebE2e({ gsm8kLines: 20 });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

/** The pages whose forms show dropdowns without a click, and one each shows once loaded. */
const PAGES = [
  { path: 'playground', ready: '#pg-parser' },
  { path: 'generate', ready: '#gen-rc' },
  { path: 'datasets', ready: '#ds-task' },
] as const;

interface Clipped {
  select: string;
  option: string;
  textWidth: number;
  room: number;
}

describe('dropdowns at 1024 px', () => {
  for (const { path, ready } of PAGES) {
    it(`show every option of every select in full on ${path}`, async () => {
      const watched = await e2e.open(1024);
      const { page } = watched;
      await page.goto(`${e2e.web.url}${path}`);
      await page.locator(ready).first().waitFor();
      // Each option's text, in the select's font, against the room the closed select gives it:
      // its inner width less the padding and Chromium's drop-down arrow.
      const clipped = await page.evaluate((): Clipped[] => {
        const canvas = document.createElement('canvas').getContext('2d')!;
        const out: Clipped[] = [];
        for (const select of Array.from(document.querySelectorAll('select'))) {
          const style = getComputedStyle(select);
          canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room =
            select.clientWidth -
            Number.parseFloat(style.paddingLeft) -
            Math.max(Number.parseFloat(style.paddingRight), 24);
          for (const option of Array.from(select.options)) {
            const textWidth = canvas.measureText(option.text).width;
            if (textWidth > room)
              out.push({
                select: select.id || select.name || select.outerHTML.slice(0, 60),
                option: option.text,
                textWidth,
                room,
              });
          }
        }
        return out;
      });
      await page.screenshot({ animations: 'disabled', path: screenshotPath(`dropdowns-${path}-1024`) });
      expect(clipped).toEqual([]);
      expect((await e2e.finish(watched)).errors).toEqual([]);
    });
  }
});
