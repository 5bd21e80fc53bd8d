const { jestConfig: lwcPreset } = require('@salesforce/sfdx-lwc-jest/config');

// Coverage is configured once below for both projects.
const jestConfig = { ...lwcPreset };
delete jestConfig.collectCoverageFrom;

// @lwc/jest-transformer's cache key ignores whether coverage is collected, so an instrumented run must not
// reuse transforms cached by a plain run (it would report 0% for every component).
const cacheDirectory = require('node:path').join(
    __dirname,
    'node_modules',
    '.cache',
    'jest',
    process.argv.includes('--coverage') ? 'coverage' : 'plain'
);

// Two projects: the LWCs in jsdom through sfdx-lwc-jest, and Node-side code (gates, local org) through ts-jest.
module.exports = {
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            cacheDirectory,
            testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
            setupFilesAfterEnv: [
                ...(jestConfig.setupFilesAfterEnv ?? []),
                '<rootDir>/force-app/test/jest-setup.ts'
            ],
            moduleNameMapper: {
                '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
                '^lightning/uiRecordApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiRecordApi',
                '^lightning/toast$': '<rootDir>/force-app/test/jest-mocks/lightning/toast',
                '^lightning/toastContainer$': '<rootDir>/force-app/test/jest-mocks/lightning/toastContainer'
            }
        },
        {
            displayName: 'node',
            cacheDirectory,
            testEnvironment: 'node',
            // TypeScript sources win over the .js tsc writes beside the browser shims.
            moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
            rootDir: __dirname,
            testMatch: [
                '<rootDir>/test/**/*.test.ts',
                '<rootDir>/local-org/**/*.test.ts',
                '<rootDir>/e2e/**/*.e2e.test.ts'
            ],
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
        'local-org/client/shims/**/*.ts',
        // The entry point only wires createLocalOrg to a port and signals; local-org/test/start.test.ts runs it.
        '!local-org/server/main.ts',
        '!**/__tests__/**',
        '!**/*.d.ts',
        '!**/*.test.ts'
    ],
    coverageReporters: ['text-summary', 'lcov'],
    coverageThreshold: {
        './force-app/main/default/lwc/': { lines: 90, branches: 80, functions: 90, statements: 90 },
        './local-org/server/': { lines: 85, branches: 70, functions: 85, statements: 85 },
        './local-org/client/shims/': { lines: 80, branches: 60, functions: 80, statements: 80 }
    }
};
