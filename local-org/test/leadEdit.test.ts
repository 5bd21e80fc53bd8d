import type { LeadFormDescription, LeadSaveResult } from 'canal/apex/LeadEditController';
import { loadFieldSet } from '../server/metadata/fieldSets.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const ALBERTO = seedUser('alberto.ruiz@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');

describe('LeadEditController in the local org', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let alberto: BrowserSession;
    let bruno: BrowserSession;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 10 });
        ana = new BrowserSession(org);
        alberto = new BrowserSession(org);
        bruno = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await alberto.login(ALBERTO.username, ALBERTO.password);
        await bruno.login(BRUNO.username, BRUNO.password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const userId = (username: string) =>
        (org.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
    const heldLead = (username: string): string =>
        (
            org.ctx.db
                .prepare(
                    'SELECT id FROM leads WHERE owner_id = ? AND claimed_at IS NOT NULL ORDER BY id LIMIT 1'
                )
                .get(userId(username)) as { id: string }
        ).id;
    const row = (leadId: string) =>
        org.ctx.db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as Record<string, unknown>;
    const describe_ = async (who: BrowserSession, leadId: string) => {
        const response = await who.apex('LeadEditController', 'describeLeadForm', { leadId });
        return { status: response.statusCode, body: response.json() as LeadFormDescription };
    };
    const save = async (who: BrowserSession, leadId: string, values: unknown, version: string) => {
        const response = await who.apex('LeadEditController', 'saveLead', { leadId, values, version });
        return response.json() as LeadSaveResult;
    };

    it('describes the deployed field set, in order, in the user’s language, with values and a version', async () => {
        const leadId = heldLead(ANA.username);
        const { status, body } = await describe_(ana, leadId);
        expect(status).toBe(200);
        expect(body.fields.map((f) => f.apiName)).toEqual(
            loadFieldSet('Lead', 'Canal_Partner_Lead_Edit').map((m) => m.field)
        );
        expect(body.canEdit).toBe(true);
        expect(body.version).toMatch(/^\d+$/);
        const byName = Object.fromEntries(body.fields.map((f) => [f.apiName, f]));
        expect(byName.Phone).toMatchObject({
            label: 'Teléfono',
            type: 'phone',
            length: 40,
            updateable: true
        });
        expect(byName.Company).toMatchObject({ required: true, value: row(leadId).company });
        expect(byName.NumberOfEmployees).toMatchObject({ type: 'integer', min: 0, max: 99_999_999 });
        expect(byName.Rating!.options).toEqual([
            { value: 'Hot', label: 'Caliente' },
            { value: 'Warm', label: 'Templado' },
            { value: 'Cold', label: 'Frío' }
        ]);
        expect(byName.Status!.options.map((o) => o.value)).not.toContain('Closed - Converted');
        expect(byName.Industry!.options.find((o) => o.value === 'Banking')!.label).toBe('Banca');

        const english = await describe_(alberto, leadId);
        expect(english.status).toBe(404);
    });

    it('saves the holder’s changes, moves the version on, and a status change marks the claim worked', async () => {
        const leadId = heldLead(ANA.username);
        expect(row(leadId).claim_expires_at).not.toBeNull();
        const { body } = await describe_(ana, leadId);
        const result = await save(
            ana,
            leadId,
            {
                Phone: '+34 611 222 333',
                Email: 'nueva@ejemplo.com',
                Description: 'Llamado el lunes',
                NumberOfEmployees: '42',
                Rating: null,
                Status: 'Working - Contacted'
            },
            body.version
        );
        expect(result).toMatchObject({
            code: 'SAVED',
            message: 'Cliente potencial guardado.',
            fieldErrors: {}
        });
        expect(Number(result.version)).toBeGreaterThan(Number(body.version));
        expect(row(leadId)).toMatchObject({
            phone: '+34 611 222 333',
            email: 'nueva@ejemplo.com',
            description: 'Llamado el lunes',
            number_of_employees: 42,
            rating: null,
            status: 'Working - Contacted',
            claim_expires_at: null
        });
        // The version it returned is the one a second save needs; the old one is now stale.
        expect((await save(ana, leadId, { Title: 'Gerente' }, result.version!)).code).toBe('SAVED');
        const stale = await save(ana, leadId, { Title: 'Otra cosa' }, body.version);
        expect(stale.code).toBe('STALE_RECORD');
        expect(stale.message).toMatch(/Otra persona/);
        expect(row(leadId).title).toBe('Gerente');
    });

    it('refuses bad values field by field, in Spanish, and changes nothing', async () => {
        const leadId = heldLead(BRUNO.username);
        const before = row(leadId);
        const { body } = await describe_(bruno, leadId);
        const result = await save(
            bruno,
            leadId,
            {
                Email: 'no-es-un-correo',
                Phone: '12',
                NumberOfEmployees: -3,
                Company: '  ',
                Rating: 'Tibio',
                Website: 'no es web',
                Description: 'no debe guardarse'
            },
            body.version
        );
        expect(result.code).toBe('INVALID');
        expect(result.fieldErrors).toEqual({
            Email: 'Introduzca una dirección de correo como nombre@ejemplo.com.',
            Phone: 'Introduzca un número de teléfono de 6 a 15 dígitos.',
            NumberOfEmployees: 'Introduzca un número entre 0 y 99.999.999.',
            Company: 'Complete este campo.',
            Rating: 'Elija uno de los valores de la lista.',
            Website: 'Introduzca una dirección web como www.ejemplo.com.'
        });
        expect(row(leadId)).toEqual(before);
    });

    it('lets only the holder save, only field set fields, and refuses malformed requests', async () => {
        const leadId = heldLead(ANA.username);
        const before = row(leadId);
        const { body } = await describe_(ana, leadId);
        expect((await save(alberto, leadId, { Description: 'x' }, body.version)).code).toBe('NOT_OWNER');
        expect((await save(bruno, leadId, { Description: 'x' }, body.version)).code).toBe('NOT_OWNER');
        expect((await save(ana, leadId, { OwnerId: userId(ALBERTO.username) }, body.version)).code).toBe(
            'INVALID_REQUEST'
        );
        expect((await save(ana, leadId, {}, body.version)).code).toBe('INVALID_REQUEST');
        expect((await save(ana, 'not-a-lead', { Description: 'x' }, body.version)).code).toBe('INVALID_ID');
        const nested = await ana.apex('LeadEditController', 'saveLead', {
            leadId,
            values: { Description: { $gt: '' } },
            version: body.version
        });
        expect(nested.statusCode).toBe(400);
        expect(row(leadId)).toEqual(before);
    });

    it('a queue lead is readable by a queue member but not editable', async () => {
        const queueLead = (
            org.ctx.db
                .prepare("SELECT id FROM leads WHERE owner_id LIKE '00G%' ORDER BY id LIMIT 1")
                .get() as {
                id: string;
            }
        ).id;
        const { status, body } = await describe_(ana, queueLead);
        expect(status).toBe(200);
        expect(body.canEdit).toBe(false);
        expect(body.fields.every((f) => !f.updateable)).toBe(true);
    });

    it('two saves racing from the same version: exactly one wins, the other is STALE_RECORD', async () => {
        const leadId = heldLead(ALBERTO.username);
        const { body } = await describe_(alberto, leadId);
        const results = await Promise.all([
            save(alberto, leadId, { Title: 'Primero' }, body.version),
            save(alberto, leadId, { Title: 'Segundo' }, body.version)
        ]);
        const codes = results.map((r) => r.code).sort();
        expect(codes).toEqual(['SAVED', 'STALE_RECORD']);
        const winner = results.find((r) => r.code === 'SAVED')!;
        expect(row(leadId).title).toBe(winner === results[0] ? 'Primero' : 'Segundo');
    });
});
