import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'local/app';
import StaffApp from 'local/staffApp';
import { boot } from 'canal-local/boot';

// The local org's entry point: one shell element that renders the site's pages with our real components.
// Vendor staff (channel managers, admins) get their own shell and pages, never the partner site's.
const staff = boot().persona === 'channel_manager' || boot().persona === 'admin';
const app = staff
    ? createElement('local-staff-app', { is: StaffApp })
    : createElement('local-app', { is: App });
document.getElementById('root')!.appendChild(app);
