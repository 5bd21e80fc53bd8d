import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LeadClaimController } from '../apex/LeadClaimController.js';
import type { ApexClass } from '../apex/registry.js';
import { browserApexGuard } from '../auth/guard.js';
import type { OrgContext } from '../context.js';

/** The local Apex classes the LWCs call, by class name: `@salesforce/apex/<Class>.<method>`. */
export const APEX_CLASSES: Record<string, ApexClass> = { LeadClaimController };

/** POST /apex/<Class>/<method>: one route per @AuraEnabled method, its parameters validated by schema. */
export function registerApexRoutes(app: FastifyInstance, ctx: OrgContext): void {
    const guard = browserApexGuard(ctx);
    for (const [className, apexClass] of Object.entries(APEX_CLASSES)) {
        for (const [methodName, method] of Object.entries(apexClass)) {
            app.post(
                `/apex/${className}/${methodName}`,
                { preValidation: guard, schema: { body: method.params } },
                async (request: FastifyRequest) =>
                    method.handler(
                        {
                            user: request.user!,
                            db: ctx.db,
                            clock: ctx.clock,
                            labels: ctx.labels,
                            claims: ctx.claims
                        },
                        (request.body as Record<string, unknown> | undefined) ?? {}
                    )
            );
        }
    }
}
