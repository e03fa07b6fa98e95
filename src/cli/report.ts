// Reports of `strata check` for CI: JUnit XML (one testcase per file; a mismatch is a failure, bad
// input or a refusal an error) and JSON. The text report stays in main.ts.

/** One checked file: its exit status (0 ok, 1 mismatch, 2 bad input, 125 refusal) and its text report. */
export interface CheckedFile {
  file: string;
  status: number;
  report: string;
  updated: boolean;
}

const xml = (s: string): string =>
  s
    // XML 1.0 has no place for most control characters: they are shown as U+FFFD
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const KIND: Record<number, string> = { 1: 'mismatch', 2: 'bad input', 125: 'refused by strata' };

/** The JUnit XML report (the de facto format CI systems read). */
export function junitReport(files: readonly CheckedFile[]): string {
  const failures = files.filter((f) => f.status === 1).length;
  const errors = files.filter((f) => f.status !== 0 && f.status !== 1).length;
  const cases = files.map((f) => {
    const name = xml(f.file);
    if (f.status === 0) return `    <testcase classname="strata" name="${name}"/>\n`;
    const tag = f.status === 1 ? 'failure' : 'error';
    const message = xml(f.report.split('\n').find((l) => l !== '' && !l.startsWith('FAIL ')) ?? KIND[f.status] ?? 'failed');
    return `    <testcase classname="strata" name="${name}">\n      <${tag} message="${message}" type="${xml(KIND[f.status] ?? String(f.status))}">${xml(f.report)}</${tag}>\n    </testcase>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites tests="${files.length}" failures="${failures}" errors="${errors}">\n` +
    `  <testsuite name="strata check" tests="${files.length}" failures="${failures}" errors="${errors}">\n` +
    cases.join('') +
    '  </testsuite>\n</testsuites>\n'
  );
}

/** The JSON report: every file with its status, and the command's exit status. */
export function jsonReport(files: readonly CheckedFile[], exitStatus: number): string {
  const result = (f: CheckedFile): string => (f.updated ? 'updated' : f.status === 0 ? 'passed' : f.status === 1 ? 'mismatch' : f.status === 2 ? 'bad-input' : 'refused');
  return (
    JSON.stringify(
      {
        exitStatus,
        passed: files.filter((f) => f.status === 0 && !f.updated).length,
        updated: files.filter((f) => f.updated).length,
        failed: files.filter((f) => f.status !== 0).length,
        files: files.map((f) => ({ file: f.file, result: result(f), status: f.status, report: f.report })),
      },
      null,
      2,
    ) + '\n'
  );
}
