// The demo data vocabulary shared by the local org's seed and org:seed (Spanish names, companies).

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export const FIRST_NAMES = [
    'Lucía',
    'Mateo',
    'Sofía',
    'Hugo',
    'Valentina',
    'Martín',
    'Paula',
    'Daniel',
    'Camila',
    'Javier',
    'Elena',
    'Andrés',
    'Isabel',
    'Tomás',
    'Carmen',
    'Sergio',
    'Julia',
    'Raúl',
    'Noelia',
    'Iván'
];
export const LAST_NAMES = [
    'Fernández',
    'González',
    'Rodríguez',
    'Sánchez',
    'Pérez',
    'Martínez',
    'Gómez',
    'Díaz',
    'Moreno',
    'Álvarez',
    'Romero',
    'Navarro',
    'Torres',
    'Domínguez',
    'Vázquez',
    'Ramos',
    'Gil',
    'Serrano',
    'Castro',
    'Ortiz'
];
export const COMPANY_STEMS = [
    'Aceros',
    'Logística',
    'Bodegas',
    'Clínica',
    'Construcciones',
    'Textiles',
    'Agro',
    'Energía',
    'Transportes',
    'Hoteles',
    'Farmacia',
    'Seguros',
    'Ingeniería',
    'Alimentos',
    'Cerámicas',
    'Muebles',
    'Software',
    'Consultores',
    'Laboratorios',
    'Editorial'
];
export const COMPANY_TAILS = [
    'del Norte',
    'Mediterráneo',
    'Andina',
    'Atlántico',
    'del Sur',
    'Central',
    'Ibérica',
    'del Pacífico',
    'Castellana',
    'Levante',
    'Patagonia',
    'Caribe'
];
