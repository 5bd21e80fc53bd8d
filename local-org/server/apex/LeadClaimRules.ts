import type { ClaimRule } from '../metadata/claimRules.js';

/** The limits that apply to one partner. */
export interface PartnerLimits {
    openLimit: number;
    dailyLimit: number;
    holdHours: number | null;
}

export interface PartnerAccountRow {
    id: string;
    partner_tier: string | null;
    lead_claim_limit: number | null;
    daily_claim_limit: number | null;
}

/** Resolves the tier's rule (or Default), then lets the account's non-blank overrides win. */
export function limitsFor(rules: readonly ClaimRule[], account: PartnerAccountRow): PartnerLimits {
    const rule =
        rules.find((r) => account.partner_tier !== null && r.tier === account.partner_tier) ??
        rules.find((r) => r.developerName === 'Default');
    if (!rule) throw new Error('No Default Lead_Claim_Rule__mdt record');
    return {
        openLimit: account.lead_claim_limit ?? rule.maxOpen,
        dailyLimit: account.daily_claim_limit ?? rule.maxPerDay,
        holdHours: rule.holdHours
    };
}
