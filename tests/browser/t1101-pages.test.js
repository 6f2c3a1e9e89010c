// t1101-pages.test.js: every page of pages.js, loaded in Chromium as its
// visitor would see it — axe-core finds no violation of impact serious or
// critical; the page weighs under 200 KB (bytes transferred with a cold
// cache, the document and all it loads); it logs no error (a script or a
// style refused by the Content-Security-Policy would); at 390 px wide it does
// not scroll sideways.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const h = require('./lib/harness');
const pages = require('./pages');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MAX_BYTES = 200 * 1024;
const DESKTOP = { width: 1366, height: 768 };

let server;
let browser;

before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
  await h.enrolUser(browser, server.url, h.USERS.province);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// A short account of axe's violations, one block per rule and element.
function describe(violations) {
  return violations
    .map((v) =>
      [`${v.impact}: ${v.id}: ${v.help} (${v.helpUrl})`]
        .concat(v.nodes.map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`))
        .join('\n'),
    )
    .join('\n');
}

for (const entry of pages) {
  test(`${entry.name} (${entry.path})`, async (t) => {
    let bytes = 0;
    const errors = [];
    const { context, page } = await h.openPage(browser, server.url, entry, DESKTOP, async (ctx, pg) => {
      const cdp = await ctx.newCDPSession(pg);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      // a new document starts the count anew: a page is what its last
      // navigation loaded
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.type === 'Document' && !e.redirectResponse) bytes = 0;
      });
      cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
      // the document's own status (403, 404) is the page's to choose; what
      // it loads must load
      pg.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document')
          errors.push(`${r.status()} ${r.url()}`);
      });
      pg.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(m.text());
      });
      pg.on('pageerror', (e) => errors.push(String(e)));
    });
    try {
      assert.equal(new URL(page.url()).pathname, entry.path, 'the page was not redirected away');
      assert.ok(
        await page.getByRole('heading', { level: 1, name: entry.heading }).isVisible(),
        `the page shows its heading "${entry.heading}"`,
      );

      t.diagnostic(`${entry.name}: ${bytes} bytes transferred`);
      assert.ok(bytes > 0, 'bytes were counted');
      assert.ok(bytes < MAX_BYTES, `${entry.name} weighs ${bytes} bytes, over ${MAX_BYTES}`);
      assert.deepEqual(errors, [], 'nothing failed to load, no error in the console');

      // axe runs in the page's own world; evaluated through the DevTools
      // protocol, so the page's CSP stays as it is served
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      assert.ok(result.passes.length > 0, 'axe ran its rules');
      const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (result.violations.length)
        t.diagnostic(`axe on ${entry.name}:\n${describe(result.violations)}`);
      assert.equal(grave.length, 0, `axe on ${entry.name}: serious or critical violations:\n${describe(result.violations)}`);

      await page.setViewportSize({ width: 390, height: 844 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${entry.name} scrolls sideways at 390 px: ${wide} px wide`);
    } finally {
      await context.close();
    }
  });
}
