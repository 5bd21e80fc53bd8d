import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, never a browser a tool downloads. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

const ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

export interface Browser {
    context: BrowserContext;
    close(): Promise<void>;
}

/**
 * Launches headless Chromium in a fresh profile. Without Chromium the browser tests fail (never skip) and
 * say how to install it.
 */
export async function launchBrowser(
    options: { locale?: string; bypassCSP?: boolean } = {}
): Promise<Browser> {
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
            `Chromium not found at ${CHROMIUM_PATH}. Install it with: ${CHROMIUM_INSTALL} (or set CHROMIUM_PATH)`
        );
    }
    const profile = mkdtempSync(path.join(tmpdir(), 'canal-chromium-'));
    // playwright-core refuses --user-data-dir in args; a persistent context takes the folder instead.
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: ARGS,
        locale: options.locale ?? 'es-ES',
        // Test tooling injected as a script tag (axe) needs it; the CSP itself is tested by e2e/security.e2e.test.ts.
        bypassCSP: options.bypassCSP ?? false,
        viewport: { width: 1366, height: 900 }
    });
    return {
        context,
        async close() {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        }
    };
}
