import LeadPublisher from 'c/leadPublisher';
import getQueues from '@salesforce/apex/LeadPublicationController.getQueues';
import { clearPage, mount } from '../../../../../test/jest-utils/lwcTest';

// A user without the custom permission: the platform's import is undefined.
jest.mock('@salesforce/customPermission/Canal_Publish_Leads', () => ({ default: undefined }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadPublicationController.getQueues', () => ({ default: jest.fn() }), {
    virtual: true
});

describe('c-lead-publisher without Canal_Publish_Leads', () => {
    afterEach(() => clearPage());

    it('tells the user they lack the permission and calls nothing', async () => {
        const element = await mount('c-lead-publisher', LeadPublisher);
        const notice = element.shadowRoot!.querySelector('[data-id="no-permission"]');
        expect(notice?.textContent).toContain('c.Canal_Publish_Page_No_Permission');
        expect(element.shadowRoot!.querySelector('[data-id="file"]')).toBeNull();
        expect(getQueues).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
