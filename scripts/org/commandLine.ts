/**
 * Runs a script's entry point when the file is the one Node started (not when a test imports it): the process exits
 * with the code it resolves with, or prints an unexpected error and exits with 1.
 */
export function runWhenMain(script: NodeModule, run: (argv: string[]) => Promise<number>): void {
    if (require.main !== script) return;
    run(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        }
    );
}
