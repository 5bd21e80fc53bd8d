import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'local/app';

// The local org's entry point: one shell element that renders the site's pages with our real components.
const app = createElement('local-app', { is: App });
document.getElementById('root')!.appendChild(app);
