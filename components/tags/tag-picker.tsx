"use client";

import { Command } from "cmdk";
import { useId, useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { Option } from "@/lib/contacts/fields";
import type { ActionResult } from "@/lib/safe-action";

/** Lower case without accents: "mü" finds "Müller". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

interface TagPickerProps {
  /** The field's name, as its label shows it ("Tags", "Value"). */
  label: string;
  /** Hide the label (a filter row names its parts for screen readers only). */
  labelHidden?: boolean;
  /** Every tag, by id. */
  tags: Option[];
  value: number[];
  onChange: (ids: number[]) => void;
  /** Creates a tag (the "tags.create" action); absent when the role may not, and the server checks again. */
  createTag?: (input: { name: string }) => Promise<ActionResult<{ id: number }>>;
}

/**
 * A searchable tag picker (Radix Popover + cmdk, as shadcn/ui's Combobox): type to filter, arrows to
 * move, Enter to choose or un-choose, Escape to close; the chosen tags are chips, each removable.
 * Where the role may, a name no tag has yet is offered as a new tag.
 */
export function TagPicker({ label, labelHidden = false, tags, value, onChange, createTag }: TagPickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  // Tags made here, until the page's list of tags includes them.
  const [created, setCreated] = useState<Option[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const all = [...tags, ...created.filter((c) => !tags.some((t) => t.value === c.value))].sort((a, b) => a.label.localeCompare(b.label));
  const byId = new Map(all.map((t) => [Number(t.value), t]));
  const chosen = new Set(value);
  const name = query.trim();
  const canCreate = Boolean(createTag);
  const folded = fold(name);
  const shown = folded ? all.filter((t) => fold(t.label).includes(folded)) : all;
  // "unique" when "Ünique" exists: offered as a choice, not as a near-duplicate new tag.
  const exists = all.some((t) => fold(t.label) === folded);

  function toggle(tagId: number) {
    onChange(chosen.has(tagId) ? value.filter((v) => v !== tagId) : [...value, tagId]);
  }

  function create() {
    setError(null);
    start(async () => {
      const result = await createTag!({ name });
      if (!result.ok) {
        setError(result.fieldErrors?.name?.[0] ?? result.message);
        return;
      }
      const tagId = result.data!.id;
      setCreated((c) => [...c, { value: String(tagId), label: name }]);
      onChange([...value, tagId]);
      setQuery("");
    });
  }

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1.5">
      <span id={`${id}-label`} className={labelHidden ? "sr-only" : "w-full text-sm font-medium"}>
        {label}
      </span>
      {value.length > 0 && (
        <ul aria-label={`Chosen ${label.toLowerCase()}`} className="flex flex-wrap gap-1">
          {value.map((tagId) => {
            const tag = byId.get(tagId);
            const tagName = tag?.label ?? `Tag ${tagId}`;
            return (
              <li key={tagId} className="inline-flex items-center gap-0.5 whitespace-nowrap rounded-full bg-indigo-50 py-0.5 pr-0.5 pl-2 text-xs text-indigo-900 ring-1 ring-indigo-200">
                {tagName}
                <button type="button" onClick={() => toggle(tagId)} className="rounded-full px-1 hover:bg-indigo-100" aria-label={`Remove ${tagName}`}>
                  <span aria-hidden>×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Popover open={open} onOpenChange={(next) => { setOpen(next); if (!next) { setQuery(""); setError(null); } }}>
        <PopoverTrigger aria-labelledby={`${id}-label`} aria-haspopup="listbox" className={buttonClass("secondary", "px-2.5 py-1 font-normal")}>
          {value.length ? "Change…" : "Choose tags…"}
        </PopoverTrigger>
        <PopoverContent>
          {/* Our own filter (accent- and case-insensitive substring), so "Create tag" always comes last. */}
          <Command label={`Search ${label.toLowerCase()}`} shouldFilter={false} className="flex flex-col">
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder={canCreate ? "Search or create a tag…" : "Search tags…"}
              className="border-b border-slate-200 px-3 py-2 text-sm outline-none"
            />
            <Command.List className="max-h-60 overflow-y-auto p-1">
              <Command.Empty className="px-2 py-1.5 text-slate-500">No tag matches.</Command.Empty>
              {shown.map((t) => {
                const on = chosen.has(Number(t.value));
                return (
                  <Command.Item
                    key={t.value}
                    value={t.value}
                    onSelect={() => toggle(Number(t.value))}
                    className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 select-none data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900"
                  >
                    <span aria-hidden className="w-4 text-indigo-700">{on ? "✓" : ""}</span>
                    <span>{t.label}</span>
                    {on && <span className="sr-only">(chosen)</span>}
                  </Command.Item>
                );
              })}
              {name && !exists && canCreate && (
                <Command.Item value="create" onSelect={create} disabled={pending} className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-indigo-800 select-none data-[selected=true]:bg-indigo-50">
                  <span aria-hidden className="w-4">+</span>
                  Create tag “{name}”
                </Command.Item>
              )}
            </Command.List>
            {name && !exists && !canCreate && <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">Your role cannot create tags: pick an existing one.</p>}
            {error && <p role="alert" className="border-t border-slate-200 px-3 py-2 text-xs text-red-700">{error}</p>}
          </Command>
        </PopoverContent>
      </Popover>
    </div>
  );
}
