#!/usr/bin/env node
// Salesforce Code Analyzer (PMD + regex engines) driven as a library: the `sf code-analyzer` plugin needs the
// internet to install, its engines do not. Fails on any Critical (1) or High (2) violation.
// Usage: node scripts/scan.mjs [path ...]   (default: force-app)
import path from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig, SeverityLevel } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';

const SELECTORS = ['pmd:Recommended', 'pmd:Security', 'regex:Recommended'];
const FAIL_AT = SeverityLevel.High;

const targets = process.argv.slice(2);
const analyzer = new CodeAnalyzer(
    CodeAnalyzerConfig.fromFile(path.resolve(import.meta.dirname, '..', 'code-analyzer.yml'))
);
await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
await analyzer.addEnginePlugin(regexEngine.createEnginePlugin());

const workspace = await analyzer.createWorkspace(
    (targets.length ? targets : ['force-app']).map((t) => path.resolve(t))
);
const rules = await analyzer.selectRules(SELECTORS, { workspace });
const results = await analyzer.run(rules, { workspace });

const violations = results
    .getViolations()
    .sort((a, b) => a.getRule().getSeverityLevel() - b.getRule().getSeverityLevel());
let blocking = 0;
for (const v of violations) {
    const severity = v.getRule().getSeverityLevel();
    const where = v.getPrimaryLocation();
    const file = where.getFile() ? path.relative(process.cwd(), where.getFile()) : '?';
    if (severity <= FAIL_AT) blocking++;
    const log = severity <= FAIL_AT ? console.error : console.log;
    log(
        `${file}:${where.getStartLine() ?? 0}:${where.getStartColumn() ?? 0}: [sev ${severity}] ${v.getRule().getEngineName()}:${v.getRule().getName()}: ${v.getMessage().trim()}`
    );
}
console.log(
    `scan: ${rules.getCount()} rules, ${violations.length} violation(s), ${blocking} of severity 1-2`
);
process.exit(blocking > 0 ? 1 : 0);
