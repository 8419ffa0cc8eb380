import { CaseFeesSection } from '../components/case-fees-section';
import { CasePreReviewSection } from '../components/case-prereview-section';

/**
 * What this feature adds to the case page (mounted there with one line): the joint
 * pre-review before dispatch, and "服务费 0 元 · 法定收费 合计 …" with the fees per sheet.
 */
export function CaseFeesPreReview({ caseId }: { caseId: string }) {
  return (
    <>
      <CasePreReviewSection caseId={caseId} />
      <CaseFeesSection caseId={caseId} />
    </>
  );
}
