/** The standard Lead Status values of a new org, in order; Closed - Converted is the converted status. */
export const LEAD_STATUSES = [
    { value: 'Open - Not Contacted', converted: false, default: true },
    { value: 'Working - Contacted', converted: false, default: false },
    { value: 'Closed - Converted', converted: true, default: false },
    { value: 'Closed - Not Converted', converted: false, default: false }
] as const;

/** The standard Opportunity stages of a new org with their default probabilities. */
export const OPPORTUNITY_STAGES = [
    { value: 'Prospecting', probability: 10, closed: false, won: false },
    { value: 'Qualification', probability: 10, closed: false, won: false },
    { value: 'Needs Analysis', probability: 20, closed: false, won: false },
    { value: 'Value Proposition', probability: 50, closed: false, won: false },
    { value: 'Id. Decision Makers', probability: 60, closed: false, won: false },
    { value: 'Perception Analysis', probability: 70, closed: false, won: false },
    { value: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
    { value: 'Negotiation/Review', probability: 90, closed: false, won: false },
    { value: 'Closed Won', probability: 100, closed: true, won: true },
    { value: 'Closed Lost', probability: 0, closed: true, won: false }
] as const;

/** The standard Industry values of a new org (standard value set Industry), in order. */
export const INDUSTRIES = [
    'Agriculture',
    'Apparel',
    'Banking',
    'Biotechnology',
    'Chemicals',
    'Communications',
    'Construction',
    'Consulting',
    'Education',
    'Electronics',
    'Energy',
    'Engineering',
    'Entertainment',
    'Environmental',
    'Finance',
    'Food & Beverage',
    'Government',
    'Healthcare',
    'Hospitality',
    'Insurance',
    'Machinery',
    'Manufacturing',
    'Media',
    'Not For Profit',
    'Other',
    'Recreation',
    'Retail',
    'Shipping',
    'Technology',
    'Telecommunications',
    'Transportation',
    'Utilities'
] as const;

/** The standard Rating values of a new org (standard value set AccountRating, shared by Lead.Rating). */
export const RATINGS = ['Hot', 'Warm', 'Cold'] as const;
