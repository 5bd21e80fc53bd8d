const { jestConfig: lwcPreset } = require('@salesforce/sfdx-lwc-jest/config');

// Coverage is configured once below for both projects.
const jestConfig = { ...lwcPreset };
delete jestConfig.collectCoverageFrom;

// Two projects: the LWCs in jsdom through sfdx-lwc-jest, and Node-side code (gates, local org) through ts-jest.
module.exports = {
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
            setupFilesAfterEnv: [
                ...(jestConfig.setupFilesAfterEnv ?? []),
                '<rootDir>/force-app/test/jest-setup.ts'
            ],
            moduleNameMapper: {
                '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
                '^lightning/uiRecordApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiRecordApi'
            }
        },
        {
            displayName: 'node',
            testEnvironment: 'node',
            rootDir: __dirname,
            testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/local-org/**/*.test.ts'],
            transform: {
                '^.+\\.ts$': [
                    'ts-jest',
                    { tsconfig: '<rootDir>/local-org/tsconfig.json', isolatedModules: true }
                ]
            },
            moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' }
        }
    ],
    collectCoverageFrom: [
        'force-app/main/default/lwc/**/*.ts',
        'local-org/server/**/*.ts',
        '!**/__tests__/**',
        '!**/*.d.ts',
        '!**/*.test.ts'
    ],
    coverageReporters: ['text-summary', 'lcov'],
    coverageThreshold: {
        global: { lines: 85, branches: 75, functions: 85, statements: 85 }
    }
};
