import { registerSa11yMatcher } from '@sa11y/jest';

// Every LWC test may assert expect(element).toBeAccessible().
registerSa11yMatcher();
