import type { Role } from '@/lib/auth/roles';

/** The roles that read joint meetings (the server decides record by record). */
export const MEETING_READERS: readonly Role[] = ['office', 'supervisor', 'investment_leader', 'department_agent', 'department_leader'];
