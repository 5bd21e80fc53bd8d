import ErrorPanel from 'c/errorPanel';
import { clearPage, mount } from '../../../../../test/jest-utils/lwcTest';

function render(props: Record<string, unknown>): Promise<HTMLElement> {
    return mount('c-error-panel', ErrorPanel, props);
}

function query<T extends Element>(element: HTMLElement, id: string): T | null {
    return element.shadowRoot!.querySelector<T>(`[data-id="${id}"]`);
}

describe('c-error-panel', () => {
    afterEach(() => {
        clearPage();
    });

    it('shows the translated title and hides the details until asked', async () => {
        const element = await render({ errors: { body: { message: 'Lead is locked' } } });
        expect(query(element, 'title')!.textContent).toBe('c.Canal_Error_Title');
        expect(query(element, 'details')).toBeNull();

        const toggle = query<HTMLButtonElement>(element, 'toggle')!;
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        toggle.click();
        await Promise.resolve();

        const items = [...query(element, 'details')!.querySelectorAll('li')].map((li) => li.textContent);
        expect(items).toEqual(['Lead is locked']);
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(toggle.textContent!.trim()).toBe('c.Canal_Error_Hide_Details');
    });

    it('uses the friendly message when given and shows no toggle without messages', async () => {
        const element = await render({ friendlyMessage: 'Could not load leads', errors: undefined });
        await Promise.resolve();
        expect(query(element, 'title')!.textContent).toBe('Could not load leads');
        expect(query(element, 'toggle')).toBeNull();
    });

    it('lists every reduced message of several errors', async () => {
        const element = await render({ errors: [new Error('one'), { body: [{ message: 'two' }] }] });
        query<HTMLButtonElement>(element, 'toggle')!.click();
        await Promise.resolve();
        expect(query(element, 'details')!.querySelectorAll('li')).toHaveLength(2);
    });

    it('is accessible with its details open', async () => {
        const element = await render({ errors: new Error('boom') });
        query<HTMLButtonElement>(element, 'toggle')!.click();
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });
});
