import { boot } from './boot';

/** A Custom Label in the user's language, as `@salesforce/label/c.<name>` resolves on the platform. */
export function label(name: string): string {
    return boot().labels[name] ?? name;
}
