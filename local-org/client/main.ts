import '@lwc/synthetic-shadow';
import { createElement, type LightningElement } from 'lwc';
import { boot } from 'canal-local/boot';

// The local org's entry point: one shell element that renders the site's pages with our real components.
// Vendor staff (channel managers, admins) get their own shell and pages, never the partner site's.
// Each shell is a chunk of its own: a partner rep never downloads the staff pages, nor staff the portal's.
const staff = boot().persona === 'channel_manager' || boot().persona === 'admin';
const shell: Promise<{ default: typeof LightningElement }> = staff
    ? import('local/staffApp')
    : import('local/app');
void shell.then(({ default: Shell }) => {
    const app = createElement(staff ? 'local-staff-app' : 'local-app', { is: Shell });
    document.getElementById('root')!.appendChild(app);
});
