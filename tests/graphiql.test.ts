// GraphiQL in a real browser (headless Chromium), with every request off this server blocked:
// the page must work from the server's own files and run its default query.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServer } from './helpers/server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('GraphiQL', () => {
  const running = useServer();
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium (.ci/run does)`);
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads without any other host and answers the default "who said what" query', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (
        url.origin === new URL(running.server.url).origin ||
        url.protocol === 'blob:' ||
        url.protocol === 'data:'
      ) {
        return route.continue();
      }
      foreign.push(url.href);
      return route.abort();
    });
    await page.goto(`${running.server.url}/graphql`);
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes('WhoSaidWhatAboutWhom'),
      { timeout: 60_000 },
    );
    await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
    const body = await (await answered).json();
    const trump = body.data.people.edges[0].node;
    expect(trump.name).toBe('Donald Trump');
    expect(JSON.stringify(trump.statements)).toContain('angry');
    // ...and the page shows it.
    await expect
      .poll(() => page.locator('.graphiql-response').textContent(), { timeout: 30_000 })
      .toContain('"people"');
    expect(foreign).toEqual([]);
    await page.close();
  }, 90_000);
});
