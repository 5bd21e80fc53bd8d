import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DealRegistrationController } from '../apex/DealRegistrationController.js';
import { LeadAssignment } from '../apex/LeadAssignment.js';
import { LeadClaimController } from '../apex/LeadClaimController.js';
import { LeadConvertController } from '../apex/LeadConvertController.js';
import { LeadEditController } from '../apex/LeadEditController.js';
import { LeadChangeTokenController } from '../apex/LeadChangeTokenController.js';
import { LeadPublicationController } from '../apex/LeadPublicationController.js';
import { OpportunityController } from '../apex/OpportunityController.js';
import { PartnerHomeController } from '../apex/PartnerHomeController.js';
import { PartnerActivityController } from '../apex/PartnerActivityController.js';
import { PartnerOverviewController } from '../apex/PartnerOverviewController.js';
import { PortalBrandingController } from '../apex/PortalBrandingController.js';
import { RecordHistoryController } from '../apex/RecordHistoryController.js';
import { ApexError, type ApexClass } from '../apex/registry.js';
import { auraErrorMessage } from '../apex/shared/AuraErrors.js';
import { apexError, browserApexGuard } from '../auth/guard.js';
import type { OrgContext } from '../context.js';

/** The local Apex classes the LWCs call, by class name: `@salesforce/apex/<Class>.<method>`. */
export const APEX_CLASSES: Record<string, ApexClass> = {
    DealRegistrationController,
    LeadClaimController,
    LeadConvertController,
    LeadEditController,
    // Local only: the standard Change Owner of a channel manager in Lightning Experience (see LeadAssignment.ts).
    LeadAssignment,
    LeadChangeTokenController,
    LeadPublicationController,
    OpportunityController,
    PartnerHomeController,
    PortalBrandingController,
    PartnerActivityController,
    PartnerOverviewController,
    RecordHistoryController
};

/** POST /apex/<Class>/<method>: one route per @AuraEnabled method, its parameters validated by schema. */
export function registerApexRoutes(app: FastifyInstance, ctx: OrgContext): void {
    const guard = browserApexGuard(ctx);
    for (const [className, apexClass] of Object.entries(APEX_CLASSES)) {
        for (const [methodName, method] of Object.entries(apexClass)) {
            app.post(
                `/apex/${className}/${methodName}`,
                { preValidation: guard, schema: { body: method.params }, bodyLimit: method.bodyLimit },
                async (request: FastifyRequest, reply: FastifyReply) => {
                    const user = request.user!;
                    try {
                        return method.handler(
                            { user, db: ctx.db, clock: ctx.clock, labels: ctx.labels, claims: ctx.claims },
                            (request.body as Record<string, unknown> | undefined) ?? {}
                        );
                    } catch (error) {
                        // An AuraHandledException: its code and a translated message, never the raw text.
                        if (!(error instanceof ApexError)) throw error;
                        return apexError(
                            reply,
                            error.status,
                            error.code,
                            auraErrorMessage(ctx.labels, user.language, error)
                        );
                    }
                }
            );
        }
    }
}
