import type { DealRegistrationInput } from 'canal/apex/DealRegistrationController';
import { DealRegistrationService } from '../apex/DealRegistrationService.js';
import type { UserRecord } from '../apex/LeadClaimSelector.js';
import { ManualClock } from '../clock.js';
import type { LabelCatalog } from '../metadata/labels.js';
import type { Db } from './database.js';

const DAY = 86_400_000;

/**
 * The demo's deal registrations, made through the service as reps and the channel manager would: one approved
 * (an opportunity protected for Iberia), one rejected with a reason, one submitted that collides with a lead another
 * partner's rep holds (flagged for the channel manager), one submitted clean. Run once, right after the first seed.
 */
export function seedDealRegistrations(
    db: Db,
    options: { labels: LabelCatalog; closedStatuses: readonly string[]; now: Date }
): void {
    const user = (username: string) =>
        db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRecord | undefined;
    const ana = user('ana.garcia@iberia.example');
    const bruno = user('bruno.silva@andes.example');
    const carla = user('carla.mendez@sierra.example');
    const diego = user('diego.paz@pampa.example');
    const manager = user('marta.vidal@nimbus.example');
    if (!ana || !bruno || !carla || !diego || !manager) return;
    const clock = new ManualClock(new Date(options.now.getTime() - 6 * DAY));
    const service = new DealRegistrationService({
        db,
        clock,
        labels: options.labels,
        closedStatuses: options.closedStatuses
    });
    const closeIn = (days: number) => new Date(options.now.getTime() + days * DAY).toISOString().slice(0, 10);
    const input = (values: Partial<DealRegistrationInput>): DealRegistrationInput => ({
        company: null,
        contactName: null,
        contactEmail: null,
        contactPhone: null,
        country: 'España',
        taxId: null,
        productInterest: 'Nimbus Cloud',
        amount: null,
        closeDate: closeIn(45),
        description: null,
        ...values
    });

    const approved = service.submitRegistration(
        ana,
        input({
            company: 'Grupo Hotelero Brisa, S.A.',
            contactName: 'Irene Campos',
            contactEmail: 'irene.campos@brisahoteles.es',
            contactPhone: '+34 971 555 010',
            taxId: 'A-07123456',
            amount: 84000,
            description: 'Renovación del CRM de 12 hoteles; decisión antes del verano.'
        }),
        'seed-1'
    );
    clock.advanceHours(26);
    service.approveRegistrations(manager, [approved.recordId!]);

    clock.advanceHours(20);
    const rejected = service.submitRegistration(
        carla,
        input({
            company: 'Clínica Santa Elena',
            contactName: 'Jorge Vidal',
            contactEmail: 'jvidal@clinicasantaelena.es',
            amount: 12000,
            description: 'Interés inicial en el módulo de citas.'
        }),
        'seed-2'
    );
    clock.advanceHours(30);
    service.rejectRegistrations(
        manager,
        [rejected.recordId!],
        'El equipo directo ya trabaja esta cuenta desde enero.'
    );

    // A customer another partner's rep already holds as a lead: the registration is flagged for the manager.
    const held = db
        .prepare('SELECT company, email FROM leads WHERE owner_id = ? ORDER BY id LIMIT 1')
        .get(ana.id) as { company: string; email: string | null } | undefined;
    clock.advanceHours(24);
    if (held) {
        service.submitRegistration(
            bruno,
            input({
                company: held.company,
                contactName: 'Laura Méndez',
                contactEmail: `compras@${held.company.toLowerCase().replace(/[^a-z]+/g, '')}.com`,
                country: 'Colombia',
                amount: 56000,
                description: 'Proyecto de implantación en tres sedes.'
            }),
            'seed-3'
        );
    }
    clock.advanceHours(5);
    service.submitRegistration(
        diego,
        input({
            company: 'Vinos del Valle Calchaquí',
            contactName: 'Martina Ruiz',
            contactEmail: 'martina@vinosdelvalle.com.ar',
            country: 'Argentina',
            amount: 9500
        }),
        'seed-4'
    );
}
