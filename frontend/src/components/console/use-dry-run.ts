import { useState } from 'react';

/** An import's answer, the problems of a refused file, or another failure's words. */
export interface DryRunState<R, P> {
  busy: boolean;
  report: R | null;
  problems: P[];
  failure: string | null;
  /** Sends the import (`dryRun`: checked, nothing stored); its answer or its refusal is kept. */
  run: (dryRun: boolean) => Promise<void>;
  /** Forgets the last answer (a new file was chosen, the dialog closed). */
  reset: () => void;
  /** Shows a failure found before sending (an unreadable file). */
  fail: (message: string) => void;
}

/**
 * The check-then-import cycle every file import of the consoles shares (the catalog workbook,
 * the credit list, onboarding, the national schedule, a county's local days): one request at a
 * time, the previous answer cleared, a refused file's problems (from `problemsOf`) shown as
 * such and any other failure in words (`failed` when the error has none). `send` returns the
 * report, or nothing while the import cannot be sent yet (no file chosen); `after` runs after a
 * real (not dry) import, e.g. to refresh what it changed.
 */
export function useDryRun<R, P>({
  send,
  problemsOf,
  failed,
  after,
}: {
  send: (dryRun: boolean) => Promise<R> | null;
  problemsOf: (error: unknown) => P[];
  failed: string;
  after?: () => Promise<unknown>;
}): DryRunState<R, P> {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<R | null>(null);
  const [problems, setProblems] = useState<P[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setReport(null);
    setProblems([]);
    setFailure(null);
  };

  const run = async (dryRun: boolean) => {
    const sending = send(dryRun);
    if (!sending) return;
    setBusy(true);
    reset();
    try {
      setReport(await sending);
      if (!dryRun && after) await after();
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found);
      if (found.length === 0) setFailure(error instanceof Error ? error.message : failed);
    } finally {
      setBusy(false);
    }
  };

  const fail = (message: string) => {
    reset();
    setFailure(message);
  };

  return { busy, report, problems, failure, run, reset, fail };
}
