import type { Case } from '@/lib/cases/types';
import type { CaseCommand } from '@/lib/cases/api/case-commands';

/** What every case-action form gets from the action bar. */
export interface CaseFormProps {
  case: Case;
  action: CaseCommand;
  open: boolean;
  confirm: boolean;
  danger: boolean;
  onClose: () => void;
}
