"use client";

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { ListColumn } from "@/lib/contacts/columns";
import type { ListParams } from "@/lib/contacts/list-params";
import { CustomizeTable } from "./customize-table";
import { SearchBox } from "./search-box";
import { useListNavigation } from "./use-list-navigation";

interface ContactsToolbarProps {
  params: ListParams;
  columns: ListColumn[];
  visible: string[];
}

export function ContactsToolbar({ params, columns, visible }: ContactsToolbarProps) {
  const { go } = useListNavigation(params);
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <SearchBox value={params.search} onSearch={(search) => go({ search }, { replace: true })} />
      <div className="flex gap-2">
        <CustomizeTable columns={columns} visible={visible} />
        <Link href="/contacts/new" className={buttonClass("primary")}>
          New contact
        </Link>
      </div>
    </div>
  );
}
