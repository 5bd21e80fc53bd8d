/**
 * @jest-environment jsdom
 */
// The browser shims that stand in for the platform's modules in the local org.
import { callApex, createApexMethod, getSObjectValue, refreshApex } from '../client/shims/apex';
import { baseLabel, label } from '../client/shims/labels';
import {
    CurrentPageReference,
    NavigationMixin,
    navigate,
    onNavigate,
    pageReferenceOf,
    urlOf,
    type PageReference
} from '../client/shims/navigation';
import { getNavigationMenu } from '../client/shims/navigationMenu';
import { loadScript, loadStyle } from '../client/shims/platformResourceLoader';
import { notifyRecordUpdateAvailable } from '../client/shims/uiRecordApi';

function boot(payload: Record<string, unknown>): void {
    const script = document.createElement('script');
    script.id = 'canal-boot';
    script.type = 'application/json';
    script.textContent = JSON.stringify(payload);
    document.head.appendChild(script);
}

boot({
    userId: '005000000000001AAA',
    lang: 'es',
    basePath: '/s',
    csrfToken: 'token-1',
    labels: { Canal_Tab_Home: 'Inicio' }
});

function respond(status: number, body: unknown): void {
    (globalThis as { fetch: unknown }).fetch = jest.fn().mockResolvedValue({
        ok: status < 400,
        status,
        statusText: status < 400 ? 'OK' : 'Bad Request',
        text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body))
    });
}

describe('@salesforce/apex shim', () => {
    it('POSTs the parameters with the CSRF token and returns the result', async () => {
        respond(200, { code: 'CLAIMED' });
        await expect(callApex('LeadClaimController', 'claimLead', { leadId: 'x' })).resolves.toEqual({
            code: 'CLAIMED'
        });
        expect(fetch).toHaveBeenCalledWith(
            '/apex/LeadClaimController/claimLead',
            expect.objectContaining({ method: 'POST', body: '{"leadId":"x"}' })
        );
        const init = (fetch as jest.Mock).mock.calls[0][1] as { headers: Record<string, string> };
        expect(init.headers['x-csrf-token']).toBe('token-1');
    });

    it('rejects in the platform shape, so reduceErrors reads body.message', async () => {
        respond(400, { code: 'INVALID_REQUEST', message: 'La solicitud no es válida.' });
        await expect(callApex('LeadClaimController', 'claimLead', {})).rejects.toEqual({
            status: 400,
            statusText: 'Bad Request',
            body: { code: 'INVALID_REQUEST', message: 'La solicitud no es válida.' }
        });
        (globalThis as { fetch: unknown }).fetch = jest
            .fn()
            .mockRejectedValue(new TypeError('Failed to fetch'));
        await expect(callApex('A', 'b', {})).rejects.toMatchObject({
            status: 0,
            body: { message: 'Failed to fetch' }
        });
    });

    it('works as a wire adapter: provisions frozen data, errors, and refreshApex runs it again', async () => {
        respond(200, { leads: [{ id: '1' }] });
        const method = createApexMethod('LeadClaimController', 'getMyLeads');
        const values: Array<{ data?: unknown; error?: unknown }> = [];
        const adapter = new method.adapter((v: { data?: unknown; error?: unknown }) => values.push(v));
        adapter.update({ pageSize: 5 });
        adapter.connect();
        await new Promise((r) => setTimeout(r, 0));
        expect(values[0]!.data).toEqual({ leads: [{ id: '1' }] });
        expect(Object.isFrozen((values[0]!.data as { leads: object[] }).leads[0])).toBe(true);
        respond(500, { message: 'boom' });
        await refreshApex(values[0]!);
        expect(values[1]!.error).toMatchObject({ status: 500, body: { message: 'boom' } });
        adapter.disconnect();
        adapter.update({ pageSize: 6 });
        expect(values).toHaveLength(2);
        await expect(refreshApex({})).resolves.toBeUndefined();
    });
});

describe('getSObjectValue', () => {
    it('reads a field by name or by qualified name', () => {
        expect(getSObjectValue({ Name: 'Acme' }, 'Name')).toBe('Acme');
        expect(getSObjectValue({ Name: 'Acme' }, 'Account.Name')).toBe('Acme');
    });
});

describe('@salesforce/label shim', () => {
    it('reads the label in the user language and falls back to its name', () => {
        expect(label('Canal_Tab_Home')).toBe('Inicio');
        expect(label('Canal_Missing')).toBe('Canal_Missing');
    });
});

describe('lightning/navigation shim', () => {
    const refs: PageReference[] = [
        {
            type: 'standard__recordPage',
            attributes: { recordId: '00Q000000000001AAA', objectApiName: 'Lead', actionName: 'view' },
            state: {}
        },
        {
            type: 'standard__recordPage',
            attributes: { recordId: '006000000000001AAA', objectApiName: 'Opportunity', actionName: 'view' },
            state: {}
        },
        {
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Lead', actionName: 'list', filterName: 'Default' },
            state: {}
        },
        {
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Opportunity', actionName: 'list', filterName: 'Default' },
            state: {}
        },
        { type: 'comm__namedPage', attributes: { name: 'Home' }, state: {} }
    ];

    it.each(refs.map((r) => [urlOf(r), r] as const))(
        '%s and its page reference map to each other',
        (url, ref) => {
            expect(pageReferenceOf(url)).toEqual(ref);
        }
    );

    it('keeps query state and handles new-record and web pages', () => {
        expect(
            urlOf({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Opportunity', actionName: 'new' }
            })
        ).toBe('/s/opportunity/new');
        expect(
            urlOf({ type: 'comm__namedPage', attributes: { name: 'Leads' }, state: { q: 'Madrid' } })
        ).toBe('/s/lead/Lead/Default?q=Madrid');
        expect(urlOf({ type: 'standard__webPage', attributes: { url: 'https://example.com' } })).toBe(
            'https://example.com'
        );
        expect(pageReferenceOf('/s/lead/Lead/Default', '?q=Madrid').state).toEqual({ q: 'Madrid' });
        expect(pageReferenceOf('/s/opportunity/new').attributes).toEqual({
            objectApiName: 'Opportunity',
            actionName: 'new'
        });
    });

    it('pushes history and tells listeners; back and forward tell them too', () => {
        const seen: PageReference[] = [];
        const stop = onNavigate((ref) => seen.push(ref));
        navigate({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Lead', actionName: 'list', filterName: 'Default' }
        });
        expect(window.location.pathname).toBe('/s/lead/Lead/Default');
        window.dispatchEvent(new PopStateEvent('popstate'));
        stop();
        navigate({ type: 'comm__namedPage', attributes: { name: 'Home' } }, true);
        expect(seen).toHaveLength(2);
        expect(seen[0]!.attributes).toEqual({
            objectApiName: 'Lead',
            actionName: 'list',
            filterName: 'Default'
        });
    });
});

describe('NavigationMixin and CurrentPageReference', () => {
    it('navigates and generates URLs from a component, and the wire follows', async () => {
        class Base {}
        const Mixed = NavigationMixin(Base);
        const component = new Mixed() as unknown as Record<
            symbol,
            (ref: PageReference, replace?: boolean) => unknown
        >;
        const refs: PageReference[] = [];
        const wire = new CurrentPageReference((ref) => refs.push(ref));
        wire.update();
        wire.connect();
        const opportunity = {
            type: 'standard__recordPage',
            attributes: { recordId: '006000000000001AAA', objectApiName: 'Opportunity', actionName: 'view' }
        };
        await expect(component[NavigationMixin.GenerateUrl]!(opportunity)).resolves.toBe(
            '/s/opportunity/006000000000001AAA'
        );
        component[NavigationMixin.Navigate]!(opportunity);
        wire.disconnect();
        component[NavigationMixin.Navigate]!({ type: 'comm__namedPage', attributes: { name: 'Home' } }, true);
        expect(refs.map((r) => r.type)).toEqual(['comm__namedPage', 'standard__recordPage']);
        expect(window.location.pathname).toBe('/s/');
    });
});

describe('lightning/uiRecordApi shim', () => {
    it('announces updated records on window', async () => {
        const listener = jest.fn();
        window.addEventListener('canalrecordupdate', listener);
        await notifyRecordUpdateAvailable([{ recordId: '00Q000000000001AAA' }]);
        expect((listener.mock.calls[0][0] as CustomEvent).detail).toEqual([
            { recordId: '00Q000000000001AAA' }
        ]);
    });
});

describe('experience/navigationMenuApi shim', () => {
    it('provisions the menu the server put in the page', () => {
        const values: unknown[] = [];
        const adapter = new getNavigationMenu((v) => values.push(v));
        adapter.connect();
        adapter.update();
        adapter.disconnect();
        expect(values).toEqual([{ data: { menuItems: [] }, error: undefined }]);
    });
});

describe('base-component labels (@salesforce/label/<Section.name>)', () => {
    it('serves a Spanish user our translation, and the package’s English where there is none', () => {
        expect(baseLabel('LightningDatatable.sort', 'Sort by:')).toBe('Ordenar por:');
        expect(baseLabel('LightningDateTimePicker.selectDateFor', 'Select a date for {0}')).toBe(
            'Seleccione una fecha para {0}'
        );
        expect(baseLabel('NoSuch.label', 'Fallback text')).toBe('Fallback text');
    });
});

describe('lightning/platformResourceLoader shim', () => {
    const component = {} as never;
    const fire = (selector: string, type: 'load' | 'error') =>
        document.head.querySelector(selector)!.dispatchEvent(new Event(type));

    it('adds one script per URL and resolves once it has loaded', async () => {
        const first = loadScript(component, '/assets/app/assets/Papaparse-1.js');
        const again = loadScript(component, '/assets/app/assets/Papaparse-1.js');
        expect(
            document.head.querySelectorAll('script[src="/assets/app/assets/Papaparse-1.js"]')
        ).toHaveLength(1);
        fire('script[src="/assets/app/assets/Papaparse-1.js"]', 'load');
        await expect(Promise.all([first, again])).resolves.toEqual([undefined, undefined]);
    });

    it('rejects when a script fails and tries again on the next call', async () => {
        const failed = loadScript(component, '/missing.js');
        fire('script[src="/missing.js"]', 'error');
        await expect(failed).rejects.toThrow('Could not load /missing.js');
        expect(document.head.querySelector('script[src="/missing.js"]')).toBeNull();
        const retried = loadScript(component, '/missing.js');
        fire('script[src="/missing.js"]', 'load');
        await expect(retried).resolves.toBeUndefined();
    });

    it('adds a stylesheet link once', async () => {
        const style = loadStyle(component, '/assets/app/x.css');
        fire('link[href="/assets/app/x.css"]', 'load');
        await expect(style).resolves.toBeUndefined();
        expect(
            document.head.querySelectorAll('link[rel="stylesheet"][href="/assets/app/x.css"]')
        ).toHaveLength(1);
    });
});
