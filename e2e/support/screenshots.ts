import path from 'node:path';

/**
 * Where the browser tests write their screenshots: e2e/.output/screenshots (ignored by git), so a test run leaves
 * the tree clean. `npm run screenshots` sets E2E_SCREENSHOTS_DIR=e2e/screenshots to refresh the committed ones on
 * purpose.
 */
export const SCREENSHOTS = path.resolve(
    process.env.E2E_SCREENSHOTS_DIR ?? path.join(__dirname, '..', '.output', 'screenshots')
);
