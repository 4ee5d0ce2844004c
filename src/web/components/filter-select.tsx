/**
 * A select in a GET filter form (the office queue, the dashboard's reassignment list): the
 * current filter is the selected option. No draft and no error message: a filter cannot be
 * wrong, a value the server does not know falls back to "any".
 */
export function FilterSelect(p: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="fr-select-group">
      <label class="fr-label" for={p.id}>
        {p.label}
      </label>
      <select class="fr-select" id={p.id} name={p.name}>
        {p.options.map((o) => (
          <option value={o.value} selected={p.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
