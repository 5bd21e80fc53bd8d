import { LightningElement } from 'lwc';
import getAllowance from '@salesforce/apex/LeadClaimController.getAllowance';
import type { Allowance } from 'canal/apex/LeadClaimController';
import { onLeadEvents, outcomeOf } from 'c/claimOutcomes';
import { formatLabel } from 'c/labelFormat';
import titleLabel from '@salesforce/label/c.Canal_Allowance_Title';
import openLabel from '@salesforce/label/c.Canal_Allowance_Open';
import dailyLabel from '@salesforce/label/c.Canal_Allowance_Daily';
import holdLabel from '@salesforce/label/c.Canal_Allowance_Hold';
import loadErrorLabel from '@salesforce/label/c.Canal_Allowance_Load_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

/** One limit as a sentence and a bar. */
interface AllowanceMeter {
    key: string;
    text: string;
    value: number;
    max: number;
    percent: number;
    barStyle: string;
}

function meter(key: string, label: string, value: number, max: number): AllowanceMeter {
    const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
    return {
        key,
        text: formatLabel(label, value, max),
        value,
        max,
        percent,
        barStyle: `width: ${percent}%`
    };
}

/** How many leads the rep's company holds and has accepted in 24 hours, against its limits. */
export default class ClaimAllowance extends LightningElement {
    allowance: Allowance | undefined;
    error: unknown;
    isLoading = true;

    labels = { title: titleLabel, loading: loadingLabel, loadError: loadErrorLabel };

    private stopListening: (() => void) | undefined;
    private requests = 0;

    override connectedCallback(): void {
        this.stopListening = onLeadEvents(this.handleLeadEvent);
        this.load();
    }

    override disconnectedCallback(): void {
        this.stopListening?.();
        this.stopListening = undefined;
    }

    get isEligible(): boolean {
        return this.allowance?.code === 'OK';
    }

    get notEligibleMessage(): string {
        return this.allowance?.message || outcomeOf('NOT_ELIGIBLE').label;
    }

    get showNotEligible(): boolean {
        return this.allowance !== undefined && !this.isEligible;
    }

    /** "3 of 5 leads in hand · 2 of 10 in the last 24 h". */
    get summary(): string {
        return this.meters.map((m) => m.text).join(' · ');
    }

    get meters(): AllowanceMeter[] {
        const a = this.allowance;
        if (!a || a.code !== 'OK') return [];
        return [
            meter('open', openLabel, a.openClaims, a.openLimit),
            meter('daily', dailyLabel, a.claimsToday, a.dailyLimit)
        ];
    }

    get holdText(): string {
        const hours = this.allowance?.holdHours;
        return this.isEligible && typeof hours === 'number' && hours > 0 ? formatLabel(holdLabel, hours) : '';
    }

    private async load(): Promise<void> {
        const request = ++this.requests;
        try {
            const allowance = await getAllowance({});
            if (request !== this.requests) return;
            this.allowance = allowance;
            this.error = undefined;
        } catch (error) {
            if (request === this.requests) this.error = error;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    private readonly handleLeadEvent = (): void => {
        this.load();
    };
}
