import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type OnboardingReport = components['schemas']['OnboardingOut'];
export type OnboardedUser = components['schemas']['OnboardedUserOut'];

/** POST /api/v1/platform/onboarding — the workbook as `multipart/form-data`. */
export function onboardCounty(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/platform/onboarding', {
      params: { query: { dry_run: dryRun } },
      body: form as unknown as { file: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}

/** GET /api/v1/platform/onboarding/template — the blank workbook. */
export function fetchTemplate() {
  return api.GET('/api/v1/platform/onboarding/template', { parseAs: 'blob' });
}

/** GET /api/v1/platform/counties/{code}/workbook — a county in the workbook. */
export function fetchCountyWorkbook(code: string) {
  return api.GET('/api/v1/platform/counties/{code}/workbook', { params: { path: { code } }, parseAs: 'blob' });
}

function csvField(text: string) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The initial passwords as CSV (with a byte-order mark, so a spreadsheet reads the names). */
export function passwordsCsv(report: OnboardingReport): string {
  const lines = [['tenant', 'username', 'display_name', 'role', 'department_code', 'initial_password']];
  for (const u of report.users) {
    lines.push([report.code, u.username, u.display_name, u.role, u.department_code ?? '', u.initial_password ?? '']);
  }
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}
