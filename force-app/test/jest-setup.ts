import { registerSa11yMatcher } from '@sa11y/jest';
import { resetNavigationMock } from './jest-mocks/lightning/navigation';
import { resetToastMock } from './jest-mocks/lightning/toast';
import { resetToastContainerMock } from './jest-mocks/lightning/toastContainer';

// Every LWC test may assert expect(element).toBeAccessible().
registerSa11yMatcher();

// A navigation or a toast recorded by one test must never satisfy the next one's expectation.
afterEach(() => {
    resetNavigationMock();
    resetToastMock();
    resetToastContainerMock();
});
