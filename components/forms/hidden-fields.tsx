/** Hidden inputs for the ids a form carries (validated again on the server like any input). */
export function HiddenFields({ values }: { values: Record<string, string | number | boolean> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
    </>
  );
}
