/** Label–value rows (a description list); a phone or an address to write to is a link. */
export function ContactList({ rows }: { rows: { label: string; value: string; href?: string }[] }) {
  return (
    <dl className="public-facts">
      {rows.map((row) => (
        <div key={row.label} className="public-facts__row">
          <dt>{row.label}</dt>
          <dd>{row.href ? <a href={row.href}>{row.value}</a> : row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
