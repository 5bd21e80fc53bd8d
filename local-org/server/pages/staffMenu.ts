import type { UserRecord } from '../apex/LeadClaimSelector.js';
import type { LabelCatalog } from '../metadata/labels.js';
import type { MenuItem } from '../metadata/navigationMenu.js';

const link = (label: string, path: string): MenuItem => ({
    label,
    actionValue: path,
    actionType: 'InternalLink',
    target: null
});
const objectTab = (label: string, objectApiName: string): MenuItem => ({
    label,
    actionValue: objectApiName,
    actionType: 'SalesforceObject',
    target: null
});

/**
 * The tabs of vendor staff in the local org, in place of the partner site's navigation menu: a channel manager
 * gets Partners, Activity, Publish leads, Publications (their figures), the partners' leads and deals, and Deal
 * registrations; an admin the claim rules first. Null for partner users, who keep the site's menu.
 */
export function staffNavigationMenu(labels: LabelCatalog, user: UserRecord): MenuItem[] | null {
    if (user.persona !== 'channel_manager' && user.persona !== 'admin') return null;
    const t = (name: string) => labels[user.language][name] ?? name;
    const manager = [
        link(t('Canal_Manager_Tab_Partners'), '/partners'),
        link(t('Canal_Manager_Tab_Activity'), '/activity'),
        link(t('Canal_Manager_Tab_Publish'), '/publish'),
        link(t('Canal_Manager_Tab_Publications'), '/publications'),
        objectTab(t('Canal_Manager_Tab_Leads'), 'Lead'),
        objectTab(t('Canal_Manager_Tab_Deals'), 'Opportunity'),
        link(t('Canal_Deal_Review_Title'), '/registrations')
    ];
    return user.persona === 'admin' ? [link(t('Canal_Manager_Tab_Rules'), '/rules'), ...manager] : manager;
}
