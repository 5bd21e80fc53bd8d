import { registerSa11yMatcher } from '@sa11y/jest';
import { resetNavigationMock } from './jest-mocks/lightning/navigation';

// Every LWC test may assert expect(element).toBeAccessible().
registerSa11yMatcher();

// A navigation recorded by one test must never satisfy the next one's expectation.
afterEach(() => resetNavigationMock());
