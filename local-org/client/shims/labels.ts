import { boot } from './boot';
import SPANISH_BASE_LABELS from './spanishBaseLabels';

/** A Custom Label in the user's language, as `@salesforce/label/c.<name>` resolves on the platform. */
export function label(name: string): string {
    return boot().labels[name] ?? name;
}

/**
 * A base component's own label (`@salesforce/label/<Section.name>`): the platform serves it in the user's
 * language; here Spanish comes from our translation of the labels the bundle uses, English from the package.
 */
export function baseLabel(name: string, english: string): string {
    return boot().lang === 'es' ? (SPANISH_BASE_LABELS[name] ?? english) : english;
}
