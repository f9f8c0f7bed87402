// The Explorer web app in headless Chromium against the real server on the seed knowledge, with
// every request to another host blocked: the research flow, the graph, curation, bad input,
// accessibility (axe-core) on every page at 1280 and 390 pixels, one GraphQL request per page.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { ensureExplorerBuilt, explorerDist } from '../web/build.js';
import { useServer } from './helpers/server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const longName = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(5);
const hostileText = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">';

describe('Explorer', () => {
  const running = useServer();
  let browser: Browser;
  let editorKey: string;
  const ids = {} as Record<
    'wangYi' | 'zelenskyy' | 'russia' | 'meeting' | 'statement' | 'source' | 'hostileSource',
    string
  > & { hostileStatement: string; emptyPerson: string; longPerson: string };

  async function api<T = any>(query: string, variables = {}, headers = {}): Promise<T> {
    const response = await fetch(`${running.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  async function findId(query: string, typename: string, name: string): Promise<string> {
    const data = await api(
      `query ($q: String!) { search(query: $q, first: 20) { edges { node { __typename
        ... on Person { id name } ... on Country { id name } } } } }`,
      { q: query },
    );
    const hit = data.search.edges.find(
      (edge: any) => edge.node.__typename === typename && edge.node.name === name,
    );
    if (!hit) throw new Error(`no ${typename} ${name}`);
    return hit.node.id;
  }

  beforeAll(async () => {
    await ensureExplorerBuilt();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    mkdirSync(screenshots, { recursive: true });

    const database = openDatabase(running.databaseUrl);
    editorKey = (await createApiKey(database.prisma, 'explorer-test', 'EDITOR')).secret;
    const imported = await api(
      `mutation ($article: JSON!) { importArticle(article: $article) { __typename
        ... on ImportArticleSuccess { import { source { id } } } ... on Error { message }
        ... on ValidationError { issues { path message } } } }`,
      { article: hostileArticle() },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(imported.importArticle.__typename, JSON.stringify(imported)).toBe(
      'ImportArticleSuccess',
    );
    ids.hostileSource = imported.importArticle.import.source.id;
    // The import refuses a javascript: address; a row written some other way may still hold one.
    await database.prisma.source.update({
      where: { id: Number(decodeGlobalID(ids.hostileSource).id) },
      data: { url: 'javascript:window.__pwned=1' },
    });
    await database.close();

    ids.wangYi = await findId('Wang Yi', 'Person', 'Wang Yi');
    ids.zelenskyy = await findId('Zelenskyy', 'Person', 'Volodymyr Zelenskyy');
    ids.russia = await findId('Russia', 'Country', 'Russia');
    ids.emptyPerson = await findId('Nobody Inparticular', 'Person', 'Nobody Inparticular');
    ids.longPerson = await findId(longName, 'Person', longName);
    const seen = await api(`{
      meetings(first: 1) { edges { node { id } } }
      statements(first: 50) { edges { node { id verification text attestations(first: 1) { edges { node { source { id } } } } } } }
    }`);
    ids.meeting = seen.meetings.edges[0].node.id;
    const statements = seen.statements.edges.map((edge: any) => edge.node);
    const angry = statements.find((s: any) => s.text.includes('angry'));
    ids.statement = angry.id;
    ids.source = angry.attestations.edges[0].node.source.id;
    ids.hostileStatement = statements.find((s: any) => s.verification === 'EXTRACTED').id;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  type Opened = { page: Page; foreign: string[]; errors: string[]; graphqlRequests: () => number };

  async function open(path: string, width = 1280): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const origin = new URL(running.server.url).origin;
    const foreign: string[] = [];
    const errors: string[] = [];
    let graphqlRequests = 0;
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') {
        if (url.pathname === '/graphql' && route.request().method() === 'POST') graphqlRequests++;
        return route.continue();
      }
      foreign.push(url.href);
      return route.abort();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${running.server.url}${path}`);
    return { page, foreign, errors, graphqlRequests: () => graphqlRequests };
  }

  async function seriousViolations(page: Page) {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n: any) => n.target.join(' ')),
      }));
    });
    return violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
  }

  it('serves the app with a Content-Security-Policy and no inline script', async () => {
    const response = await fetch(`${running.server.url}/entity/anything`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/assets\//);
      expect(body?.trim()).toBe('');
    }
    // The API's own addresses are not the app's.
    const graphql = await fetch(`${running.server.url}/graphql?query=%7B__typename%7D`);
    expect(((await graphql.json()) as any).data).toEqual({ __typename: 'Query' });
  });

  it('keeps the first JavaScript under 250 KB gzipped; graph and chart load later', () => {
    const html = readFileSync(join(explorerDist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThan(0);
    const bytes = initial.reduce(
      (sum, name) =>
        sum + gzipSync(readFileSync(join(explorerDist, 'assets', name as string))).length,
      0,
    );
    expect(bytes).toBeLessThan(250 * 1024);
    const initialCode = initial
      .map((name) => readFileSync(join(explorerDist, 'assets', name as string), 'utf8'))
      .join('\n');
    // Cytoscape's and Plot's own identifiers are not in the first bundle.
    expect(initialCode).not.toContain('cytoscape');
    expect(initialCode).not.toContain('plot.observablehq');
  });

  it('search "Zelensky" → Zelenskyy → the statement by Trump → the source, excerpt highlighted', async () => {
    const { page, foreign, errors } = await open('/');
    await page.getByLabel(/People, organizations/).fill('Zelensky');
    await page
      .getByRole('region', { name: 'People' })
      .getByRole('link', { name: 'Volodymyr Zelenskyy' })
      .click();
    await expect.poll(() => page.url()).toContain('/entity/');
    await page.getByRole('heading', { level: 1, name: 'Volodymyr Zelenskyy' }).waitFor();
    const about = page.getByRole('region', { name: /Statements about/ });
    await about.getByRole('link', { name: /angry/ }).click();
    await page.getByRole('heading', { level: 1, name: /angry/ }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Donald Trump');
    await page.getByRole('region', { name: 'Sources' }).getByRole('link').first().click();
    await expect.poll(() => page.url()).toContain('/source/');
    const current = page.locator('mark.current');
    await current.first().waitFor();
    const { node } = await api(
      `query ($id: ID!) { node(id: $id) { ... on Statement { attestations(first: 1) { edges { node { excerpt } } } } } }`,
      { id: ids.statement },
    );
    expect((await current.allTextContents()).join('')).toBe(
      node.attestations.edges[0].node.excerpt,
    );
    // Every other attested passage is marked and linked too (one link per distinct passage).
    const { node: source } = await api(
      `query ($id: ID!) { node(id: $id) { ... on Source { attestations(first: 100) { edges { node {
        startOffset endOffset } } } } } }`,
      { id: ids.source },
    );
    const passages = new Set(
      source.attestations.edges.map((e: any) => `${e.node.startOffset}-${e.node.endOffset}`),
    );
    const links = await page
      .locator('.source-text mark.excerpt a')
      .evaluateAll((anchors) => [...new Set(anchors.map((a) => a.getAttribute('href')))]);
    expect(links.length).toBe(passages.size);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("draws Lavrov in Wang Yi's meeting graph, and lists him", async () => {
    const { page, errors } = await open(`/entity/${encodeURIComponent(ids.wangYi)}`);
    const graph = page.locator('.graph[data-drawn="true"]');
    await graph.waitFor({ timeout: 30_000 });
    expect(JSON.parse((await graph.getAttribute('data-nodes')) ?? '[]')).toEqual([
      'Wang Yi',
      'Sergei Lavrov',
    ]);
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    await page.locator('.met-list').getByRole('link', { name: 'Sergei Lavrov' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sergei Lavrov' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('works by keyboard: type, tab to a result, enter opens it', async () => {
    const { page } = await open('/');
    const box = page.getByLabel(/People, organizations/);
    await box.waitFor();
    for (
      let tab = 0;
      tab < 12 && !(await box.evaluate((el) => el === document.activeElement));
      tab++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Lavrov');
    await page.getByRole('region', { name: 'People' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sergei Lavrov' }).waitFor();
    await page.close();
  }, 60_000);

  it('lets a curator with a key verify an EXTRACTED statement; the key stays in the session', async () => {
    const { page, errors } = await open('/curate');
    const item = page.locator('.queue-item', { hasText: 'said nothing (pwned)' });
    await item.waitFor();
    // Without a key nothing can be changed.
    expect(await item.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    await page.getByLabel(/API key/).fill(editorKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await item.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe('{}');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([editorKey]);
    await page.getByRole('link', { name: 'Open it' }).click();
    await page.getByRole('heading', { level: 1, name: /said nothing/ }).waitFor();
    expect(await page.locator('header .kind').textContent()).toContain('verified');
    expect(page.url()).not.toContain(editorKey);
    const { node } = await api(
      `query ($id: ID!) { node(id: $id) { ... on Statement { verification } } }`,
      {
        id: ids.hostileStatement,
      },
    );
    expect(node.verification).toBe('VERIFIED');
    expect(running.server.output()).not.toContain(editorKey);

    // A meeting: its topic edited, then deleted (after the confirmation).
    await page.goto(`${running.server.url}/curate`);
    const meeting = page.locator('.queue-item', { hasText: 'An unverified call' });
    await meeting.getByRole('button', { name: 'Edit' }).click();
    // While edited, the item shows a text box instead of its topic; one item is edited at a time.
    await page.getByLabel('Meeting topic').fill('A call, edited');
    await page.getByRole('button', { name: 'Save text' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const edited = page.locator('.queue-item', { hasText: 'A call, edited' });
    page.once('dialog', (dialog) => void dialog.accept());
    await edited.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted the meeting' }).waitFor();
    await expect.poll(() => edited.count()).toBe(0);
    const left = await api(`{ meetings(first: 100) { edges { node { topic } } } }`);
    expect(left.meetings.edges.map((e: any) => e.node.topic)).not.toContain('A call, edited');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('renders stored markup, a javascript: address and very long names as text', async () => {
    const { page, errors } = await open(`/source/${encodeURIComponent(ids.hostileSource)}`, 390);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `${hostileText} hostile`,
    );
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('.unsafe-url').textContent()).toBe('javascript:window.__pwned=1');
    expect(await page.locator('main img').count()).toBe(0);
    await page.goto(`${running.server.url}/entity/${encodeURIComponent(ids.longPerson)}`);
    await page.getByRole('heading', { level: 1, name: longName }).waitFor();
    // The page still fits a phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.goto(`${running.server.url}/?q=${encodeURIComponent('pwned')}`);
    await page.getByRole('region', { name: 'Statements' }).waitFor();
    expect(await page.locator('main img, main script').count()).toBe(0);
    await page.goto(`${running.server.url}/entity/${encodeURIComponent(ids.emptyPerson)}`);
    await page.getByText('No roles recorded.').waitFor();
    await page.getByText('No meetings recorded.').waitFor();
    await page.goto(`${running.server.url}/entity/${encodeURIComponent('UGVyc29uOjk5OTk5')}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  const pages = () => [
    ['search', `/?q=${encodeURIComponent('Putin')}`],
    ['person', `/entity/${encodeURIComponent(ids.wangYi)}`],
    ['country', `/entity/${encodeURIComponent(ids.russia)}`],
    ['statement', `/statement/${encodeURIComponent(ids.statement)}`],
    ['meeting', `/meeting/${encodeURIComponent(ids.meeting)}`],
    ['source', `/source/${encodeURIComponent(ids.source)}`],
    ['counts', '/explore/counts?groupBy=SPEAKER'],
    [
      'path',
      `/explore/path?from=${encodeURIComponent(ids.wangYi)}&to=${encodeURIComponent(ids.zelenskyy)}`,
    ],
    ['timeline', `/explore/timeline/${encodeURIComponent(ids.russia)}`],
    ['curate', '/curate'],
  ];

  it('has no serious or critical accessibility violation on any page, at 1280 and 390 px, and each page asks one request', async () => {
    for (const width of [1280, 390]) {
      for (const [name, path] of pages()) {
        const { page, foreign, errors, graphqlRequests } = await open(path as string, width);
        await page
          .locator('main h1')
          .first()
          .waitFor()
          .catch(async () => {
            throw new Error(
              `${name} at ${width}px shows no heading: ${await page.locator('main').textContent()}`,
            );
          });
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(
          () => !document.querySelector('.placeholder, [role="status"]:not(.status)'),
        );
        expect(await seriousViolations(page), `${name} at ${width}px`).toEqual([]);
        expect(graphqlRequests(), `${name}: GraphQL requests`).toBe(1);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          name,
        ).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(screenshots, `${name}-${width}.png`), fullPage: true });
        expect(foreign).toEqual([]);
        expect(errors, name).toEqual([]);
        await page.close();
      }
    }
  }, 240_000);
});

function hostileArticle() {
  const text = `Nobody Inparticular was mentioned. ${hostileText} said nothing at all, reported the wire.`;
  const excerpt = `${hostileText} said nothing at all`;
  return {
    format: 'news-kb/article@1',
    source: {
      title: `${hostileText} hostile`,
      publisher: hostileText,
      url: null,
      publishedOn: '2025-04-02',
      language: 'en',
      text,
    },
    countries: [],
    organizations: [],
    people: [
      { key: 'long', name: longName, aliases: [], externalIds: [], roles: [] },
      { key: 'empty', name: 'Nobody Inparticular', aliases: [], externalIds: [], roles: [] },
      { key: 'other', name: 'Somebody Else', aliases: [], externalIds: [], roles: [] },
    ],
    statements: [
      {
        key: 'hostile',
        speaker: 'long',
        text: `${hostileText} said nothing (pwned)`,
        kind: 'QUOTE',
        date: '2025-04-02',
        about: [{ subject: 'empty', stance: 'NEUTRAL' }],
        excerpt,
        confidence: 0.6,
        verification: 'EXTRACTED',
      },
    ],
    meetings: [
      {
        key: 'call',
        kind: 'CALL',
        status: 'HELD',
        topic: 'An unverified call',
        placeName: null,
        date: '2025-04-02',
        participants: ['long', 'other'],
        excerpt: 'Nobody Inparticular was mentioned.',
        confidence: 0.5,
        verification: 'EXTRACTED',
      },
    ],
  };
}
