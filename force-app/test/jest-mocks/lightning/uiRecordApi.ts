// Jest stand-in for lightning/uiRecordApi.
export const notifyRecordUpdateAvailable = jest.fn().mockResolvedValue(undefined);
