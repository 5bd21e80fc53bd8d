// Jest stand-in for lightning/navigation: records the last page reference a component navigated to.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');
let lastPageReference: unknown;

type Ctor = new (...args: any[]) => object;

export const NavigationMixin = Object.assign(
    <T extends Ctor>(Base: T) =>
        class extends Base {
            [Navigate](pageReference: unknown): void {
                lastPageReference = pageReference;
            }
            [GenerateUrl](pageReference: unknown): Promise<string> {
                lastPageReference = pageReference;
                return Promise.resolve('/generated-url');
            }
        },
    { Navigate, GenerateUrl }
);

/** The page reference of the last Navigate or GenerateUrl call. */
export function getNavigatedPageReference(): unknown {
    return lastPageReference;
}
