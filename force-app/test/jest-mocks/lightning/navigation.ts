// Jest stand-in for lightning/navigation. Navigate and GenerateUrl are recorded apart: a test that expects a
// navigation must fail when the component only generated the URL. jest-setup resets both after every test.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');
let navigations: unknown[] = [];
let generatedUrls: unknown[] = [];

type Ctor = new (...args: any[]) => object;

export const NavigationMixin = Object.assign(
    <T extends Ctor>(Base: T) =>
        class extends Base {
            [Navigate](pageReference: unknown): void {
                navigations.push(pageReference);
            }
            [GenerateUrl](pageReference: unknown): Promise<string> {
                generatedUrls.push(pageReference);
                return Promise.resolve('/generated-url');
            }
        },
    { Navigate, GenerateUrl }
);

/** The page reference of the last Navigate call in this test (undefined when there was none). */
export function getNavigatedPageReference(): unknown {
    return navigations[navigations.length - 1];
}

/** Every page reference Navigate was called with in this test, in order. */
export function getNavigations(): unknown[] {
    return [...navigations];
}

/** The page reference of the last GenerateUrl call in this test (undefined when there was none). */
export function getGeneratedUrlPageReference(): unknown {
    return generatedUrls[generatedUrls.length - 1];
}

/** Forgets every recorded call; jest-setup runs it after each test. */
export function resetNavigationMock(): void {
    navigations = [];
    generatedUrls = [];
}

/** Provisions a page reference to every component wired to CurrentPageReference. */
export function emitCurrentPageReference(pageReference: unknown): void {
    (CurrentPageReference as unknown as { emit(value: unknown): void }).emit(pageReference);
}
