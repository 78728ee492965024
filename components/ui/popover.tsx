"use client";

import * as PopoverPrimitive from "@radix-ui/react-popover";
import type { ComponentProps } from "react";

/**
 * Popovers from Radix (packaged the shadcn/ui way): placement, Escape, outside clicks and focus return
 * come from the library. Non-modal, like the menus (components/ui/dropdown-menu.tsx): a modal popover
 * would lock scrolling with a <style> element our CSP refuses.
 */
export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;
export const PopoverAnchor = PopoverPrimitive.Anchor;

export function PopoverContent({ className = "", sideOffset = 4, align = "start", ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        sideOffset={sideOffset}
        align={align}
        collisionPadding={8}
        className={`z-50 w-72 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white text-sm text-slate-800 shadow-lg outline-none ${className}`}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
