import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_OAUTH_CLIENT } from '../server/app.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const MARTA = seedUser('marta.vidal@nimbus.example');
const ADMIN = seedUser('admin@nimbus.example');
const ANA = seedUser('ana.garcia@iberia.example');
const URL = '/services/apexrest/canal/v1/leads/publish';

describe('POST /services/apexrest/canal/v1/leads/publish (LeadPublicationResource)', () => {
    let org: TestOrg;
    const tokens = new Map<string, string>();
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 20 });
    });
    afterAll(async () => {
        await org.dispose();
    });

    async function token(username: string, password: string): Promise<string> {
        if (!tokens.has(username)) {
            const response = await org.app.inject({
                method: 'POST',
                url: '/services/oauth2/token',
                payload: {
                    grant_type: 'password',
                    client_id: DEFAULT_OAUTH_CLIENT.clientId,
                    client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                    username,
                    password
                }
            });
            tokens.set(username, (response.json() as { access_token: string }).access_token);
        }
        return tokens.get(username)!;
    }

    async function publish(
        body: unknown,
        options: { user?: { username: string; password: string }; key?: string } = {}
    ): Promise<LightMyRequestResponse> {
        const user = options.user ?? MARTA;
        const headers: Record<string, string> = {
            authorization: `Bearer ${await token(user.username, user.password)}`,
            'content-type': 'application/json'
        };
        if (options.key) headers['idempotency-key'] = options.key;
        return org.app.inject({ method: 'POST', url: URL, headers, payload: JSON.stringify(body) });
    }

    const leadCount = () => (org.ctx.db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number }).n;
    const poolId = () =>
        (
            org.ctx.db.prepare("SELECT id FROM queues WHERE developer_name = 'Canal_Partner_Pool'").get() as {
                id: string;
            }
        ).id;

    it('creates the leads in the queue with their publication, once per Idempotency-Key', async () => {
        const before = leadCount();
        const body = {
            queue: 'Canal_Partner_Pool',
            source: 'Feria Tecnológica 2026',
            leads: [
                {
                    firstName: 'Lucía',
                    lastName: 'Ferrer',
                    company: 'Ferrer Logística',
                    email: 'lucia@ferrer.example'
                },
                {
                    lastName: 'Ibarra',
                    company: 'Ibarra SL',
                    phone: '+34 600 000 000',
                    city: 'Bilbao',
                    country: 'España'
                },
                { firstName: 'Tom', lastName: 'Reed', company: 'Reed Ltd', title: 'CTO' }
            ]
        };
        const first = await publish(body, { key: 'feria-2026-batch-1' });
        expect(first.statusCode).toBe(200);
        const answer = first.json() as {
            publicationId: string;
            created: number;
            duplicates: unknown[];
            errors: unknown[];
        };
        expect(answer).toEqual({
            publicationId: expect.stringMatching(/^a02/),
            created: 3,
            duplicates: [],
            errors: []
        });
        expect(leadCount()).toBe(before + 3);
        const leads = org.ctx.db
            .prepare(
                'SELECT owner_id, publication_id, published_at, phone, status FROM leads WHERE publication_id = ?'
            )
            .all(answer.publicationId) as Array<{
            owner_id: string;
            published_at: string;
            phone: string | null;
        }>;
        expect(leads).toHaveLength(3);
        expect(leads.every((l) => l.owner_id === poolId() && l.published_at)).toBe(true);
        const publication = org.ctx.db
            .prepare('SELECT source, lead_count, queue_id FROM lead_publications WHERE id = ?')
            .get(answer.publicationId);
        expect(publication).toEqual({ source: 'Feria Tecnológica 2026', lead_count: 3, queue_id: poolId() });

        const again = await publish(body, { key: 'feria-2026-batch-1' });
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(answer);
        expect(leadCount()).toBe(before + 3);
    });

    it('publishes the good rows and reports each bad one with index, field, code and a translated message', async () => {
        const before = leadCount();
        const response = await publish({
            queue: 'Canal_Partner_Pool',
            leads: [
                { lastName: 'Soto', company: 'Soto Hermanos', email: 'no-es-un-correo' },
                { lastName: 'Nieto', company: 'Nieto y Asociados', email: 'ines@nieto.example' },
                { company: 'Sin Apellido SA' },
                'not a lead',
                { lastName: 'Vega', company: 'Vega SA', fax: '123', firstName: 42 },
                { lastName: 'Formula', company: '=HYPERLINK("http://x")', title: '@SUM(A1)', phone: '-1+1' }
            ]
        });
        expect(response.statusCode).toBe(200);
        const answer = response.json() as {
            created: number;
            errors: Array<{ index: number; field: string | null; code: string; message: string }>;
        };
        expect(answer.created).toBe(2);
        expect(answer.errors).toEqual([
            {
                index: 0,
                field: 'email',
                code: 'INVALID_EMAIL',
                message: 'No es una dirección de correo electrónico válida.'
            },
            { index: 2, field: 'lastName', code: 'REQUIRED', message: 'Este valor es obligatorio.' },
            { index: 3, field: null, code: 'INVALID_ROW', message: 'Esta fila no es un cliente potencial.' },
            { index: 4, field: 'firstName', code: 'INVALID_VALUE', message: 'Este valor debe ser texto.' },
            {
                index: 4,
                field: 'fax',
                code: 'UNKNOWN_FIELD',
                message: 'Este campo no se puede usar al publicar un cliente potencial.'
            }
        ]);
        expect(leadCount()).toBe(before + 2);
        // Formula-like values are stored as text, an apostrophe first (a phone that is not a phone number too).
        expect(
            org.ctx.db.prepare("SELECT company, title, phone FROM leads WHERE last_name = 'Formula'").get()
        ).toEqual({ company: `'=HYPERLINK("http://x")`, title: "'@SUM(A1)", phone: "'-1+1" });
    });

    it('skips likely duplicates: the same e-mail or the same company and name, among open leads and within the call', async () => {
        const before = leadCount();
        const existing = org.ctx.db
            .prepare("SELECT id FROM leads WHERE email = 'lucia@ferrer.example'")
            .get() as {
            id: string;
        };
        const response = await publish({
            queue: 'Canal_Partner_Pool',
            leads: [
                { lastName: 'Ferrer', company: 'Otra', email: 'LUCIA@ferrer.example' },
                { firstName: 'tom', lastName: 'reed', company: 'REED LTD' },
                { lastName: 'Nuevo', company: 'Nueva SA', email: 'n@nueva.example' },
                { lastName: 'Otro', company: 'Otra SA', email: 'n@nueva.example' },
                { firstName: 'Eva', lastName: 'Gil', company: 'Gil SL' },
                { firstName: 'Eva', lastName: 'Gil', company: 'gil sl' }
            ]
        });
        const answer = response.json() as { created: number; duplicates: unknown[] };
        expect(answer.created).toBe(2);
        expect(answer.duplicates).toEqual([
            {
                index: 0,
                match: 'EMAIL',
                leadId: existing.id,
                duplicateOfIndex: null,
                message: expect.any(String)
            },
            {
                index: 1,
                match: 'COMPANY_AND_NAME',
                leadId: expect.stringMatching(/^00Q/),
                duplicateOfIndex: null,
                message: expect.any(String)
            },
            { index: 3, match: 'EMAIL', leadId: null, duplicateOfIndex: 2, message: expect.any(String) },
            {
                index: 5,
                match: 'COMPANY_AND_NAME',
                leadId: null,
                duplicateOfIndex: 4,
                message: expect.any(String)
            }
        ]);
        expect(leadCount()).toBe(before + 2);
    });

    it('creates nothing when no row is valid', async () => {
        const before = leadCount();
        const publications = org.ctx.db.prepare('SELECT COUNT(*) AS n FROM lead_publications').get();
        const response = await publish(
            { queue: 'Canal_Partner_Pool', leads: [{ lastName: 'Solo' }] },
            { key: 'nothing-valid' }
        );
        expect(response.json()).toMatchObject({ publicationId: null, created: 0 });
        expect(leadCount()).toBe(before);
        expect(org.ctx.db.prepare('SELECT COUNT(*) AS n FROM lead_publications').get()).toEqual(publications);
    });

    it('refuses partner reps, unknown queues, too many leads and malformed bodies, creating nothing', async () => {
        const before = leadCount();
        const one = [{ lastName: 'X', company: 'Y' }];
        const rep = await publish({ queue: 'Canal_Partner_Pool', leads: one }, { user: ANA });
        expect(rep.statusCode).toBe(403);
        expect(rep.json()).toEqual({
            code: 'INSUFFICIENT_ACCESS',
            message:
                'Solo los responsables de canal y los administradores pueden publicar clientes potenciales.'
        });
        const queue = await publish({ queue: 'No_Such_Queue', leads: one }, { user: ADMIN });
        expect(queue.statusCode).toBe(404);
        expect(queue.json()).toEqual({
            code: 'QUEUE_NOT_FOUND',
            message: 'There is no lead queue with that name.'
        });
        const many = await publish({
            queue: 'Canal_Partner_Pool',
            leads: Array.from({ length: 2001 }, (_, i) => ({ lastName: `L${i}`, company: `C${i}` }))
        });
        expect(many.statusCode).toBe(400);
        expect(many.json()).toMatchObject({ code: 'TOO_MANY_LEADS' });
        for (const body of [
            { leads: one },
            { queue: 'Canal_Partner_Pool' },
            { queue: 'Canal_Partner_Pool', leads: {} }
        ]) {
            const bad = await publish(body);
            expect(bad.statusCode).toBe(400);
            expect(bad.json()).toMatchObject({ code: 'INVALID_REQUEST' });
        }
        const badKey = await publish({ queue: 'Canal_Partner_Pool', leads: one }, { key: 'ñ no ascii' });
        expect(badKey.json()).toMatchObject({ code: 'INVALID_REQUEST' });
        const anonymous = await org.app.inject({
            method: 'POST',
            url: URL,
            payload: { queue: 'Canal_Partner_Pool', leads: one }
        });
        expect(anonymous.statusCode).toBe(401);
        expect(leadCount()).toBe(before);
    });

    it('accepts 2,000 leads in one call', async () => {
        const before = leadCount();
        const response = await publish({
            queue: 'Canal_Enterprise_Pool',
            leads: Array.from({ length: 2000 }, (_, i) => ({
                firstName: 'Bulk',
                lastName: `Lead ${i}`,
                company: `Bulk Company ${i}`,
                email: `bulk${i}@bulk.example`,
                city: 'Valencia',
                country: 'España'
            }))
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ created: 2000, errors: [], duplicates: [] });
        expect(leadCount()).toBe(before + 2000);
    });
});

describe('the Publish leads page methods (LeadPublicationController, as c/leadPublisher calls them)', () => {
    let org: TestOrg;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 20 });
    });
    afterAll(async () => {
        await org.dispose();
    });

    it("stores a formula cell as text ('=1+1), keeps a phone number, and publishes a file once per key", async () => {
        const marta = new BrowserSession(org);
        await marta.login(MARTA.username, MARTA.password);
        const leads = [
            { lastName: 'Formula', company: '=1+1', phone: '+34 600 000 000', city: '@Madrid' },
            { lastName: '', company: 'Sin Apellido SA' }
        ];
        const preview = await marta.apex('LeadPublicationController', 'previewLeads', { leads });
        expect(preview.json()).toMatchObject({
            valid: 1,
            duplicates: [],
            errors: [{ index: 1, code: 'REQUIRED' }]
        });
        const params = { queue: 'Canal_Partner_Pool', source: 'Feria', leads, idempotencyKey: 'csv-file-1' };
        const first = await marta.apex('LeadPublicationController', 'publishLeads', params);
        const again = await marta.apex('LeadPublicationController', 'publishLeads', params);
        expect(first.json()).toMatchObject({ created: 1, errors: [{ index: 1, field: 'lastName' }] });
        expect(again.json()).toEqual(first.json());
        expect(
            org.ctx.db.prepare("SELECT company, phone, city FROM leads WHERE last_name = 'Formula'").all()
        ).toEqual([{ company: "'=1+1", phone: '+34 600 000 000', city: "'@Madrid" }]);
    });
});
