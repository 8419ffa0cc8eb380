import { useMe } from '@/lib/auth/me';

/** What the signed-in user may do to the catalog (the server decides in any case). */
export interface CatalogRights {
  /** Writes drafts of some items (the office and admins: any; departments: their own). */
  editor: boolean;
  /** May write drafts of `departmentId`'s items. */
  mayDraft: (departmentId: string) => boolean;
  /** Publishes and retires versions, discards any draft. */
  mayPublish: boolean;
  /** The department a department role writes for. */
  ownDepartment: string | undefined;
}

export function useCatalogRights(): CatalogRights {
  const { data: me } = useMe();
  const role = me?.role;
  const countyWide = role === 'office' || role === 'admin';
  const department = role === 'department_agent' || role === 'department_leader';
  const ownDepartment = department ? me?.department?.id : undefined;
  return {
    editor: countyWide || department,
    mayDraft: (departmentId) => countyWide || (department && ownDepartment === departmentId),
    mayPublish: countyWide,
    ownDepartment,
  };
}
