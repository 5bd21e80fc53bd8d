/** The part of lightning/uiRecordApi our components use; the local org has no LDS cache to invalidate. */
export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void> {
    window.dispatchEvent(new CustomEvent('canalrecordupdate', { detail: items }));
    return Promise.resolve();
}
