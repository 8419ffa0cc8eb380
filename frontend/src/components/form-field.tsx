import { useId, type ReactNode } from 'react';
import './form-field.css';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

interface FormFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Messages shown under the field and announced with it. */
  errors?: readonly string[];
  required?: boolean;
  className?: string;
  /** The control, wired to the label, the hint and the errors. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A labelled field without a component library (portal forms): the label names the control,
 * the hint and the errors describe it, and an invalid field says so.
 */
export function FormField({ label, hint, errors = [], required, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`form-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="form-field__label">
        {label}
        {required && <span className="form-field__required"> *</span>}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(errors.length ? { 'aria-invalid': true as const } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p id={errorId} className="form-field__error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
