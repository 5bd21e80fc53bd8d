import { boot } from './boot';

interface MenuItem {
    label: string;
    actionValue: string;
    actionType: string;
    target: string | null;
}

/**
 * `experience/navigationMenuApi`'s getNavigationMenu: the site template's menu, which the server put in the
 * page (labels already in the user's language).
 */
export class getNavigationMenu {
    constructor(
        private readonly emit: (value: { data?: { menuItems: MenuItem[] }; error?: unknown }) => void
    ) {}
    update(): void {
        const items = (boot() as unknown as { navigationMenu?: MenuItem[] }).navigationMenu ?? [];
        this.emit({ data: { menuItems: items }, error: undefined });
    }
    connect(): void {}
    disconnect(): void {}
}
