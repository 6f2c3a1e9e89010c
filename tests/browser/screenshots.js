// screenshots.js: draw every page of pages.js at 1366x768 (desktop) and
// 390 px wide (mobile) into DIR/NAME-{desktop,mobile}.png (`make screenshots`;
// DIR is docs/screenshots). Kept out of the tests so that the committed
// images change only when someone means them to.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');
const pages = require('./pages');

const SIZES = {
  desktop: { width: 1366, height: 768 },
  mobile: { width: 390, height: 844 },
};

async function main(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const server = await h.startServer();
  let browser;
  try {
    browser = await h.launchBrowser();
    await h.enrolUser(browser, server.url, h.USERS.province);
    for (const entry of pages) {
      for (const [size, viewport] of Object.entries(SIZES)) {
        const { context, page } = await h.openPage(browser, server.url, entry, viewport);
        const file = path.join(dir, `${entry.name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await context.close();
        console.log(`screenshots: ${file}`);
      }
    }
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}

main(process.argv[2] || path.join(h.SOURCE_DIR, 'docs', 'screenshots')).catch((e) => {
  console.error(`screenshots: ${e.stack || e}`);
  process.exit(1);
});
