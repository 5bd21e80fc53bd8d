import PortalThemeLayout from 'c/portalThemeLayout';
import { FALLBACK_COLOR, contrastColor, darkenColor, safeColor, safeLogoUrl } from 'c/brandColors';
import { getNavigationMenu } from 'experience/navigationMenuApi';
import getBranding from '@salesforce/apex/PortalBrandingController.getBranding';
import getRecentItems from '@salesforce/apex/LeadClaimController.getRecentItems';
import { CurrentPageReference } from 'lightning/navigation';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { Branding } from 'canal/apex/PortalBrandingController';
import type { NavigationMenuItemData } from 'experience/navigationMenuApi';
import { getPageToastContainer } from '../../../../../test/jest-mocks/lightning/toastContainer';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock(
    'experience/navigationMenuApi',
    () => {
        const { createTestWireAdapter } = jest.requireActual('@salesforce/wire-service-jest-util');
        return { getNavigationMenu: createTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

jest.mock(
    '@salesforce/apex/PortalBrandingController.getBranding',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

jest.mock('@salesforce/apex/LeadClaimController.getRecentItems', () => ({ default: jest.fn() }), {
    virtual: true
});

jest.mock('@salesforce/community/basePath', () => ({ __esModule: true, default: '/partners' }), {
    virtual: true
});

// The navigation menu adapter provisions { data, error } like Apex does; the test adapter passes on what it is given.
interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown): void;
    getLastConfig(): Record<string, unknown>;
}

const menuAdapter = getNavigationMenu as unknown as TestWireAdapter;
const brandingAdapter = getBranding as unknown as TestWireAdapter;
const pageReferenceAdapter = CurrentPageReference as unknown as TestWireAdapter;
const mockGetRecentItems = jest.mocked(getRecentItems);

// An address no logo or link may carry.
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');

const VENDOR = {
    vendorName: 'Nimbus Partners',
    vendorLogoUrl: 'https://cdn.nimbus.example/logo.svg',
    vendorColor: '#0B5CAB'
};

const PARTNER_BRANDING: Branding = {
    source: 'PARTNER',
    accountId: '001000000000001AAA',
    brandName: 'Iberia Soluciones',
    logoUrl: '/sfsites/c/iberia.png',
    primaryColor: '#ffcc00'
};

const MENU: NavigationMenuItemData[] = [
    { label: 'Inicio', actionType: 'InternalLink', actionValue: '/', target: 'CurrentWindow' },
    { label: 'Clientes potenciales', actionType: 'InternalLink', actionValue: '/lead/Lead/Default' },
    { label: 'Oportunidades', actionType: 'InternalLink', actionValue: 'opportunity/Opportunity/Default' },
    {
        label: 'Ayuda',
        actionType: 'ExternalLink',
        actionValue: 'https://help.nimbus.example',
        target: 'NewWindow'
    },
    { label: 'Bad', actionType: 'ExternalLink', actionValue: SCRIPT_URL },
    { label: 'Cuentas', actionType: 'SalesforceObject', actionValue: 'Account' },
    { label: 'Salir', actionType: 'Event', actionValue: 'Logout' },
    { label: '', actionType: 'InternalLink', actionValue: '/nameless' }
];

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-portal-theme-layout', PortalThemeLayout, { ...VENDOR, ...props });
}

function $(element: HTMLElement, selector: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(selector);
}

/** Clicks a link and tells whether the component prevented the browser's navigation (jsdom cannot navigate). */
function clickPrevented(link: HTMLElement, init: MouseEventInit = {}): boolean {
    let prevented = false;
    const record = (event: Event): void => {
        prevented = event.defaultPrevented;
        event.preventDefault();
    };
    link.addEventListener('click', record);
    link.dispatchEvent(new MouseEvent('click', { cancelable: true, ...init }));
    link.removeEventListener('click', record);
    return prevented;
}

function tabs(element: HTMLElement): HTMLAnchorElement[] {
    return [...element.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[data-id="tab"] a')];
}

describe('c-portal-theme-layout', () => {
    beforeEach(() => {
        mockGetRecentItems.mockResolvedValue([]);
        window.history.pushState({}, '', '/partners/');
    });

    afterEach(() => {
        clearPage();
        jest.clearAllMocks();
    });

    it("shows the vendor's brand, the standard tabs, the toast container and the recent items", async () => {
        const element = await render();

        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Nimbus Partners');
        expect($(element, '[data-id="logo"]')!.getAttribute('src')).toBe(
            'https://cdn.nimbus.example/logo.svg'
        );
        const style = $(element, '[data-id="portal"]')!.getAttribute('style');
        expect(style).toContain('--canal-brand-color: #0b5cab');
        expect(style).toContain('--canal-brand-contrast: #ffffff');
        expect(style).toContain('--dxp-g-brand: #0b5cab');
        // The shades the site's branding set derives from the same colour (site:render writes #094785 etc.).
        expect(style).toContain('--dxp-g-brand-1: #094785');
        expect(style).toContain('--dxp-g-brand-2: #041e38');
        expect(style).toContain('--dxp-g-brand-3: #000000');
        expect(style).toContain('--dxp-g-brand-contrast-1: #ffffff');
        expect(style).toContain('--slds-c-button-brand-color-background-hover: #094785');
        expect($(element, '[data-id="portal"]')!.dataset.brandSource).toBe('vendor');
        expect(tabs(element).map((a) => a.textContent)).toEqual([
            'c.Canal_Tab_Home',
            'c.Canal_Tab_Leads',
            'c.Canal_Tab_Opportunities'
        ]);
        expect(tabs(element)[1].getAttribute('href')).toBe('/generated-url');
        // The page's one lightning/toastContainer, which Toast.show fills, showing three toasts at most.
        expect(getPageToastContainer()).toEqual({ maxToasts: 3 });
        expect($(element, '[data-id="sidebar"] c-recent-items')).not.toBeNull();
        expect($(element, 'nav')!.getAttribute('aria-label')).toBe('c.Canal_Site_Navigation');
    });

    it("shows the partner's own brand to the partner's users, the vendor's where the partner set nothing", async () => {
        const element = await render();
        brandingAdapter.emit(PARTNER_BRANDING);
        await flush();

        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Iberia Soluciones');
        expect($(element, '[data-id="logo"]')!.getAttribute('src')).toBe('/sfsites/c/iberia.png');
        const style = $(element, '[data-id="portal"]')!.getAttribute('style');
        expect(style).toContain('--canal-brand-color: #ffcc00');
        expect(style).toContain('--canal-brand-contrast: #181818');
        expect(style).toContain('--dxp-g-brand-1: #d6ab00');
        expect(style).toContain('--dxp-g-brand-contrast-1: #181818');
        expect(style).toContain('--dxp-g-brand-contrast-3: #ffffff');
        expect($(element, '[data-id="portal"]')!.dataset.brandSource).toBe('partner');

        brandingAdapter.emit({ ...PARTNER_BRANDING, logoUrl: SCRIPT_URL, primaryColor: 'red' });
        await flush();
        expect($(element, '[data-id="logo"]')!.getAttribute('src')).toBe(
            'https://cdn.nimbus.example/logo.svg'
        );
        expect($(element, '[data-id="portal"]')!.getAttribute('style')).toContain(
            '--canal-brand-color: #0b5cab'
        );
    });

    it("keeps the vendor's brand when vendorBrandOnly is set, when the partner has none, and on error", async () => {
        const element = await render({ vendorBrandOnly: true });
        brandingAdapter.emit(PARTNER_BRANDING);
        await flush();
        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Nimbus Partners');

        (element as HTMLElement & { vendorBrandOnly: boolean }).vendorBrandOnly = false;
        brandingAdapter.emit({
            source: 'VENDOR',
            accountId: null,
            brandName: null,
            logoUrl: null,
            primaryColor: null
        });
        await flush();
        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Nimbus Partners');

        brandingAdapter.emit(PARTNER_BRANDING);
        await flush();
        brandingAdapter.error();
        await flush();
        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Nimbus Partners');
    });

    it('falls back to the SLDS brand colour and no logo when the site gives invalid ones', async () => {
        const element = await render({
            vendorColor: 'blue',
            vendorLogoUrl: 'http://insecure.example/logo.png'
        });

        expect($(element, '[data-id="portal"]')!.getAttribute('style')).toContain(
            `--canal-brand-color: ${FALLBACK_COLOR}`
        );
        expect($(element, '[data-id="logo"]')).toBeNull();
    });

    it('leaves out the sidebar and widens the page when hideSidebar is set', async () => {
        const element = await render({ hideSidebar: true });

        expect($(element, '[data-id="sidebar"]')).toBeNull();
        expect($(element, '[data-id="content"]')!.className).not.toContain('slds-large-size_8-of-12');
        await expect(element).toBeAccessible();
    });

    it('drops a logo that fails to load and keeps the name', async () => {
        const element = await render();
        $(element, '[data-id="logo"]')!.dispatchEvent(new CustomEvent('error'));
        await flush();

        expect($(element, '[data-id="logo"]')).toBeNull();
        expect($(element, '[data-id="brand-name"]')!.textContent).toBe('Nimbus Partners');
    });

    it("shows the tabs of the site's navigation menu, the current one marked", async () => {
        window.history.pushState({}, '', '/partners/lead/00Q000000000001AAA/ana-ruiz');
        const element = await render({ navigationMenuName: 'Acme_Partners_Tabs' });
        pageReferenceAdapter.emit({ type: 'standard__recordPage', attributes: {}, state: {} });
        menuAdapter.emit({ data: { menuItems: MENU } });
        await flush();

        expect(menuAdapter.getLastConfig()).toEqual(
            expect.objectContaining({
                navigationLinkSetDeveloperName: 'Acme_Partners_Tabs',
                publishStatus: 'Live',
                addHomeMenuItem: false
            })
        );
        const links = tabs(element);
        expect(links.map((a) => a.textContent)).toEqual([
            'Inicio',
            'Clientes potenciales',
            'Oportunidades',
            'Ayudac.Canal_Site_New_Window',
            'Cuentas'
        ]);
        expect(links.map((a) => a.getAttribute('href'))).toEqual([
            '/partners/',
            '/partners/lead/Lead/Default',
            '/partners/opportunity/Opportunity/Default',
            'https://help.nimbus.example',
            '/generated-url'
        ]);
        expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page', null, null, null]);
        expect(links[3].getAttribute('target')).toBe('_blank');
        expect(links[3].getAttribute('rel')).toBe('noopener noreferrer');
    });

    it('marks Home on the home page and asks for the draft menu in Experience Builder', async () => {
        const element = await render({ navigationMenuName: 'Acme_Partners_Tabs' });
        pageReferenceAdapter.emit({
            type: 'comm__namedPage',
            attributes: { name: 'Home' },
            state: { app: 'commeditor' }
        });
        menuAdapter.emit({ data: { menuItems: MENU } });
        await flush();

        expect(menuAdapter.getLastConfig()).toEqual(expect.objectContaining({ publishStatus: 'Draft' }));
        expect(tabs(element)[0].getAttribute('aria-current')).toBe('page');
    });

    it('navigates inside the site on a tab click and leaves external and modified clicks to the browser', async () => {
        const element = await render({ navigationMenuName: 'Acme_Partners_Tabs' });
        menuAdapter.emit({ data: { menuItems: MENU } });
        await flush();
        const links = tabs(element);

        const internal = new CustomEvent('click', { cancelable: true });
        links[1].dispatchEvent(internal);
        expect(internal.defaultPrevented).toBe(true);
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__webPage',
            attributes: { url: '/partners/lead/Lead/Default' }
        });

        const objectTab = new CustomEvent('click', { cancelable: true });
        links[4].dispatchEvent(objectTab);
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Account', actionName: 'list' }
        });

        expect(clickPrevented(links[3])).toBe(false);
        expect(clickPrevented(links[2], { ctrlKey: true })).toBe(false);
    });

    it('shows the standard tabs when the menu fails or is empty, and they navigate by page reference', async () => {
        const element = await render({ navigationMenuName: 'Acme_Partners_Tabs' });
        menuAdapter.emit({ data: { menuItems: [] } });
        await flush();
        expect(tabs(element)).toHaveLength(3);

        menuAdapter.emit({ data: { menuItems: MENU } });
        await flush();
        expect(tabs(element)).toHaveLength(5);
        menuAdapter.emit({ error: { status: 404 } });
        await flush();
        expect(tabs(element).map((a) => a.textContent)).toEqual([
            'c.Canal_Tab_Home',
            'c.Canal_Tab_Leads',
            'c.Canal_Tab_Opportunities'
        ]);

        tabs(element)[2].dispatchEvent(new CustomEvent('click', { cancelable: true }));
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Opportunity', actionName: 'list' }
        });
    });

    it('goes home from the brand and skips to the content', async () => {
        const element = await render();
        const click = new CustomEvent('click', { cancelable: true });
        $(element, '[data-id="brand"]')!.dispatchEvent(click);
        expect(click.defaultPrevented).toBe(true);
        expect(getNavigatedPageReference()).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Home' }
        });
        expect($(element, '[data-id="brand"]')!.getAttribute('href')).toBe('/partners/');

        expect(clickPrevented($(element, '[data-id="brand"]')!, { metaKey: true })).toBe(false);

        // The skip control is a button (a #fragment cannot reach into a shadow tree) inside the banner landmark.
        const skip = $(element, '[data-id="header"] button.portal-skip')!;
        skip.dispatchEvent(new CustomEvent('click', { cancelable: true }));
        expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="content"]'));
        expect(element.shadowRoot!.querySelectorAll('a[href="#"], a[href^="#"]')).toHaveLength(0);
    });

    it('names the page in its one h1, inside main: the active tab', async () => {
        const element = await render();
        const titles = element.shadowRoot!.querySelectorAll('h1');
        expect(titles).toHaveLength(1);
        expect(titles[0].closest('main')).not.toBeNull();
        const active = tabs(element).find((a) => a.getAttribute('aria-current') === 'page');
        expect(titles[0].textContent).toBe(active ? active.textContent : 'Nimbus Partners');
    });

    it('is accessible with the vendor brand and with a partner brand and menu', async () => {
        const element = await render({ navigationMenuName: 'Acme_Partners_Tabs' });
        await expect(element).toBeAccessible();
        brandingAdapter.emit(PARTNER_BRANDING);
        menuAdapter.emit({ data: { menuItems: MENU } });
        await flush();
        await expect(element).toBeAccessible();
    });
});

describe('brand helpers', () => {
    it('accepts only #rrggbb colours', () => {
        expect(safeColor(' #ABCDEF ')).toBe('#abcdef');
        expect(safeColor('#abc')).toBeNull();
        expect(safeColor('red')).toBeNull();
        expect(safeColor(null)).toBeNull();
    });

    it('accepts only https and site-relative logos', () => {
        expect(safeLogoUrl('https://cdn.example/logo.png')).toBe('https://cdn.example/logo.png');
        expect(safeLogoUrl('/sfsites/c/logo.png')).toBe('/sfsites/c/logo.png');
        expect(safeLogoUrl('//evil.example/x.png')).toBeNull();
        expect(safeLogoUrl('http://plain.example/x.png')).toBeNull();
        expect(safeLogoUrl('https://x.example/a"b')).toBeNull();
        expect(safeLogoUrl(undefined)).toBeNull();
    });

    it("derives darker shades as Experience Builder's branding set does", () => {
        // Experience Builder's own values for the accent #005fb2 and the SLDS destructive default #c23934.
        expect([8, 24, 48].map((p) => darkenColor('#005fb2', p))).toEqual(['#004989', '#001e38', '#000000']);
        expect([8, 24, 48].map((p) => darkenColor('#c23934', p))).toEqual(['#a2302b', '#611d1a', '#010000']);
        expect(darkenColor('#808080', 8)).toBe('#6c6c6c');
        expect(darkenColor('#ff00ff', 8)).toBe('#d600d6');
        expect(darkenColor('#000000', 8)).toBe('#000000');
    });

    it('picks the readable text colour', () => {
        expect(contrastColor('#000000')).toBe('#ffffff');
        expect(contrastColor('#ffffff')).toBe('#181818');
        expect(contrastColor('#0176d3')).toBe('#ffffff');
    });
});
