/**
 * The tabs of the platform's county page after its overview: pages of other features about one
 * county, each given the county's code (`features/<feature>/mount/<name>.tsx`). The app mounts
 * them here, since features do not import one another.
 */
import type { CountyTab } from '@/features/platform/components/county-page';

export const COUNTY_TABS: readonly CountyTab[] = [];
