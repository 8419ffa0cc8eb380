import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../utils/print-forms';

/**
 * One sheet of paper: the annex number top left and the title centred, as the county's
 * templates have them. The title is the form's official Chinese name in every UI language
 * (it is what is filed and referred to); in another language its name follows as a subtitle.
 */
export function FormSheet({
  annex,
  title,
  name,
  number,
  extra,
  landscape = false,
  children,
}: {
  annex: number;
  title: string;
  name: string;
  number: string;
  extra?: ReactNode;
  landscape?: boolean;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('print');
  return (
    <article className={landscape ? 'print-sheet print-sheet--landscape' : 'print-sheet'} aria-label={name}>
      <p className="form-annex">{t('annex', { n: annex })}</p>
      <h1 className="form-title">{title}</h1>
      {!i18n.language.startsWith('zh') && <p className="form-subtitle">{name}</p>}
      <div className="form-meta">
        <span>{t('meta.number', { number })}</span>
        {extra && <span>{extra}</span>}
      </div>
      {children}
    </article>
  );
}

/** In place of a form that does not apply to the case (yet): why, instead of an empty form. */
export function FormUnavailable({ availability }: { availability: Exclude<Availability, { status: 'ready' }> }) {
  const { t } = useTranslation('print');
  return (
    <div className="form-unavailable" role="note">
      <p className="form-unavailable__title">{t(`unavailable.${availability.status}`)}</p>
      <p>{t(`unavailable.${availability.reason}`)}</p>
    </div>
  );
}

/** A label cell and its value; `wide` values take the rest of a four-column row. */
export type Field = readonly [label: ReactNode, value: ReactNode] | readonly [label: ReactNode, value: ReactNode, 'wide'];

/** Rows of a bordered four-column table: label, value, label, value. */
export function FieldTable({ rows, className }: { rows: readonly (readonly Field[])[]; className?: string }) {
  return (
    <table className={className ? `form-table ${className}` : 'form-table'}>
      <colgroup>
        <col className="form-col-label" />
        <col />
        <col className="form-col-label" />
        <col />
      </colgroup>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.map(([label, value, wide], cell) => (
              <FieldCells key={cell} label={label} value={value} span={wide || row.length === 1 ? 3 : 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FieldCells({ label, value, span }: { label: ReactNode; value: ReactNode; span: number }) {
  return (
    <>
      <th scope="row">{label}</th>
      <td colSpan={span}>{value}</td>
    </>
  );
}

/** An ordered list inside a cell, or a dash. */
export function CellList({ items }: { items: readonly ReactNode[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <ol className="form-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ol>
  );
}

/** Ruled lines left blank for handwriting. */
export function BlankLines({ count = 2 }: { count?: number }) {
  return (
    <span className="form-blank-lines" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="form-blank-line" />
      ))}
    </span>
  );
}

/**
 * Signature (and seal) lines, each with a date, left blank for the pen: the dates the history
 * knows are in the form's fields, while these are written by whoever signs the paper.
 */
export function Signatures({ labels }: { labels: readonly string[] }) {
  const { t } = useTranslation('print');
  return (
    <div className="form-signatures">
      {labels.map((label) => (
        <div className="form-signature" key={label}>
          <span className="form-signature__label">{t('sign.labelled', { label })}</span>
          <span className="form-signature__blank" />
          <span className="form-signature__date">{t('sign.dateLine', { date: t('sign.blankDate') })}</span>
        </div>
      ))}
    </div>
  );
}

/** A tick box as printed forms have them; screen readers hear "selected" or "not selected". */
export function TickBox({ checked, label }: { checked: boolean; label: string }) {
  const { t } = useTranslation('print');
  return (
    <span className="form-tick">
      <span aria-hidden>{checked ? '☑' : '☐'}</span>
      {label}
      <span className="visually-hidden">（{checked ? t('fields.selected') : t('fields.notSelected')}）</span>
    </span>
  );
}
