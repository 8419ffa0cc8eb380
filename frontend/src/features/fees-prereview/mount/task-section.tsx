import { TaskFeesSection } from '../components/task-fees-section';

/**
 * What this feature adds to a task sheet's page (mounted there with one line): the gaps the
 * joint pre-review found for the sheet's department, and its legal fees with the form that
 * records one.
 */
export function TaskFeesPreReview({ task }: { task: { id: string; department_id: string } }) {
  return <TaskFeesSection task={task} />;
}
