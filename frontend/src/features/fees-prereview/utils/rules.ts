/** Who may do what here, as the server decides it (the server has the last word). */
interface Me {
  role: string;
  department?: { id: string } | null;
}

/** The sheet's department (agents and leader), the window and the office record legal fees. */
export function mayRecordFee(me: Me | undefined, sheetDepartment: string): boolean {
  if (!me) return false;
  if (me.role === 'office' || me.role === 'window_agent') return true;
  return (me.role === 'department_agent' || me.role === 'department_leader') && me.department?.id === sheetDepartment;
}
