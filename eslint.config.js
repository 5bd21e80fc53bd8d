const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const LWC_SOURCES = ['force-app/**/lwc/**/*.ts'];
const LWC_TESTS = ['force-app/**/lwc/**/__tests__/**/*.ts', 'force-app/test/**/*.ts'];
const fs = require('node:fs');
const path = require('node:path');

// A UI component (a folder with a template) may export only its class (LWC guide, "Component JavaScript File");
// shared code goes in service modules, which have no template. test/gates/uiComponentExports.test.ts proves it bites.
const LWC_ROOT = path.join(__dirname, 'force-app', 'main', 'default', 'lwc');
const UI_COMPONENT_SOURCES = fs
    .readdirSync(LWC_ROOT, { withFileTypes: true })
    .filter(
        (entry) => entry.isDirectory() && fs.existsSync(path.join(LWC_ROOT, entry.name, `${entry.name}.html`))
    )
    .map((entry) => `force-app/main/default/lwc/${entry.name}/${entry.name}.ts`);
const ONLY_THE_CLASS =
    'A UI component exports only its default class; move shared code to a service module (no template), e.g. c/claimOutcomes.';

const NODE_TS = ['local-org/**/*.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];

// The LWC recommended rules, parsed by typescript-eslint instead of the Babel parser they ship with.
const lwcOnTypeScript = lwcConfig.configs.recommended.map((config) => ({
    ...config,
    files: LWC_SOURCES,
    languageOptions: {
        ...config.languageOptions,
        parser: tseslint.parser,
        parserOptions: { sourceType: 'module', ecmaVersion: 'latest' }
    }
}));

module.exports = tseslint.config(
    {
        ignores: [
            '**/node_modules/**',
            'coverage/**',
            '.sf/**',
            '.sfdx/**',
            '.data/**',
            'local-org/dist/**',
            'build/**',
            // tsc output beside each LWC source
            'force-app/**/lwc/**/*.js',
            'local-org/client/**/*.js',
            '!local-org/client/rollup.config.mjs',
            // npm packages copied into static resources by `npm run build` (scripts/npm-static-resources.mjs)
            'force-app/**/staticresources/*.js',
            '**/*.d.ts'
        ]
    },
    ...lwcOnTypeScript,
    ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
    {
        files: LWC_SOURCES,
        rules: {
            // TypeScript resolves modules; the import plugin cannot see c/* or @salesforce/* modules.
            'import/no-unresolved': 'off',
            'import/named': 'off',
            'import/namespace': 'off',
            'import/default': 'off',
            'import/no-named-as-default': 'off',
            'import/no-named-as-default-member': 'off',
            'no-undef': 'off',
            'no-unused-vars': 'off'
        }
    },
    {
        files: UI_COMPONENT_SOURCES,
        rules: {
            'no-restricted-syntax': [
                'error',
                { selector: 'ExportNamedDeclaration', message: ONLY_THE_CLASS },
                { selector: 'ExportAllDeclaration', message: ONLY_THE_CLASS },
                {
                    selector: 'ExportDefaultDeclaration[declaration.type!="ClassDeclaration"]',
                    message: ONLY_THE_CLASS
                }
            ]
        }
    },
    {
        // Tests are relaxed: wire mocks and DOM queries need casts and non-null assertions.
        files: LWC_TESTS,
        languageOptions: { globals: { ...globals.jest, ...globals.browser } },
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            '@typescript-eslint/no-non-null-assertion': 'off',
            '@typescript-eslint/no-explicit-any': 'off',
            '@lwc/lwc/no-async-operation': 'off'
        }
    },
    {
        files: NODE_TS,
        languageOptions: { globals: { ...globals.node, ...globals.jest } }
    },
    {
        // The local org's browser side: module shims and the shell around our components.
        files: ['local-org/client/**/*.ts'],
        languageOptions: { globals: { ...globals.browser } }
    },
    {
        files: ['**/*.mjs', '**/*.js'],
        languageOptions: { sourceType: 'module', globals: { ...globals.node } },
        rules: { ...require('@eslint/js').configs.recommended.rules }
    },
    {
        files: ['*.config.js', 'eslint.config.js', 'jest.config.js'],
        languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }
    }
);
