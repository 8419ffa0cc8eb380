/** The public complaint pages' query keys (their own area). */
export const publicComplaintKeys = {
  all: ['public-complaints'] as const,
  /** A complaint as its complainant follows it (tracking number; the digits stay out of keys). */
  followed: (tracking: string) => [...publicComplaintKeys.all, 'followed', tracking] as const,
};
