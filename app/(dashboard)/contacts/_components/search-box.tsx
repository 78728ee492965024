"use client";

import { useEffect, useRef, useState } from "react";
import { SkipToResults } from "./skip-to-results";

interface SearchBoxProps {
  value: string;
  onSearch: (value: string) => void;
}

// The pause after the last keystroke before the list asks the server: short enough for a result
// within issue 21's 300 ms of the last keystroke, long enough that a word typed at speed is one request.
const DEBOUNCE_MS = 150;

export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSent = useRef(value);

  // Follow the URL when it changes from elsewhere (back button, a shared link).
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  function change(next: string) {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const trimmed = next.replace(/\s+/g, " ").trim();
      if (trimmed === lastSent.current) return;
      lastSent.current = trimmed;
      onSearch(trimmed);
    }, DEBOUNCE_MS);
  }

  return (
    <div className="relative min-w-0 flex-1 sm:max-w-sm">
      <label htmlFor="contact-search" className="sr-only">
        Search contacts
      </label>
      <input
        id="contact-search"
        type="search"
        value={text}
        onChange={(e) => change(e.target.value)}
        placeholder="Search name, email or phone…"
        autoComplete="off"
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
      />
      <SkipToResults />
    </div>
  );
}
