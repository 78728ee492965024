import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";
import { listDefinitions } from "@/lib/attributes/definitions";
import { LEAD_STAGE_LABELS } from "@/lib/contacts/fields";
import { resolveContactId } from "@/lib/contacts/merge";
import { loadProfile } from "@/lib/contacts/profile";
import { contactDisplayName } from "@/lib/contacts/display";
import { countryName } from "@/lib/countries";
import { parseRouteId } from "@/lib/forms";
import { listTags } from "@/lib/tags/tags";
import { listActiveUsers } from "@/lib/users/directory";
import { getWorkspaceSettings } from "@/lib/workspace";
import { AttributesSection } from "./_components/attributes-section";
import { History } from "./_components/history";
import { MergedNotice, MergeUndoneNotice } from "./_components/merge-notices";
import { DuplicatesNotice } from "./_components/duplicates-notice";
import { MergeWithDrawer } from "./_components/merge-with-drawer";
import { GdprActions } from "./_components/gdpr-actions";
import { IdentifiersSection } from "./_components/identifiers-section";
import { LinksSection } from "./_components/links-section";
import { NoteForm } from "./_components/note-form";
import { NotesList } from "./_components/notes-list";
import { Section } from "./_components/section";
import { StateActions } from "./_components/state-actions";
import { TagsSection } from "./_components/tags-section";
import { Timeline } from "./_components/timeline";
import { ListSkeleton } from "./skeletons";
import { countOf } from "@/lib/plural";
import { trashDays } from "@/lib/contacts/trashed";
import { formatPhone } from "@/lib/phone";
import { TrashBanner } from "./_components/trash-banner";

interface ContactPageProps {
  params: Promise<{ contactId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ContactPageProps): Promise<Metadata> {
  // The title carries the contact's name: only for a signed-in user, like the page.
  await pageUser();
  const id = parseRouteId((await params).contactId);
  const profile = id ? await loadProfile(id) : null;
  const shown = profile && (!profile.contact.trashedAt || can((await pageUser()).role, "contacts.trash"));
  return { title: shown ? contactDisplayName(profile.contact) : "Contact not found" };
}

export default async function ContactPage({ params, searchParams }: ContactPageProps) {
  const [{ contactId }, query] = await Promise.all([params, searchParams]);
  const id = parseRouteId(contactId);
  if (!id) notFound();
  const user = await pageUser();
  const [profile, definitions, allTags, agents, workspace] = await Promise.all([
    loadProfile(id),
    listDefinitions(),
    listTags(),
    listActiveUsers(),
    getWorkspaceSettings(),
  ]);
  if (!profile) {
    const resolved = await resolveContactId(id);
    if (resolved?.mergedFrom) redirect(`/contacts/${resolved.contactId}?mergedFrom=${encodeURIComponent(resolved.mergedFrom.contactKey)}`);
    notFound();
  }
  const { contact } = profile;
  const name = contactDisplayName(contact);
  // A contact in Trash is gone for everyone but the admins, who see it read-only with the way back.
  if (contact.trashedAt) {
    if (!can(user.role, "contacts.trash")) notFound();
    return <TrashedProfile profile={profile} name={name} canErase={can(user.role, "contacts.erase")} canDownload={can(user.role, "contacts.access_export")} />;
  }
  const before = typeof query.before === "string" ? parseRouteId(query.before) : null;
  const mergeWith = typeof query.mergeWith === "string" && can(user.role, "contacts.merge") ? parseRouteId(query.mergeWith) : null;
  const attributeLabels = Object.fromEntries(definitions.map((d) => [d.key, d.label]));
  const historyBefore = typeof query.historyBefore === "string" ? parseRouteId(query.historyBefore) : null;

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link href="/contacts" className="text-indigo-700 hover:underline">
          ← Contacts
        </Link>
      </p>
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <ContactTitle contact={contact} name={name}>
            <Badge tone="indigo">{LEAD_STAGE_LABELS[contact.leadStage]}</Badge>
            {contact.anonymous && <Badge tone="slate">Anonymous visitor</Badge>}
            {contact.blocked && <Badge tone="red">Blocked</Badge>}
            {contact.archived && <Badge tone="slate">Archived</Badge>}
          </ContactTitle>
        </div>
        <StateActions
          contactId={contact.id}
          version={contact.version}
          name={name}
          blocked={contact.blocked}
          archived={contact.archived}
          canDelete={can(user.role, "contacts.delete")}
          trashDays={trashDays()}
        />
      </header>
      <GdprActions
        contactId={contact.id}
        contactKey={contact.contactKey}
        canErase={can(user.role, "contacts.erase")}
        canDownload={can(user.role, "contacts.access_export")}
      />

      {typeof query.mergedFrom === "string" && (
        <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
          This contact ({query.mergedFrom}) was merged into {name}.
        </p>
      )}
      {typeof query.merged === "string" && /^\d+$/.test(query.merged) && (
        <MergedNotice contactId={contact.id} count={query.merged} name={name} canUndo={can(user.role, "contacts.merge")} />
      )}
      {typeof query.mergeUndone === "string" && parseRouteId(query.mergeUndone) && (
        <MergeUndoneNotice contactId={contact.id} activityId={parseRouteId(query.mergeUndone)!} />
      )}
      <Suspense fallback={null}>
        <DuplicatesNotice
          contactId={contact.id}
          fullName={contact.fullName}
          canMerge={can(user.role, "contacts.merge")}
          attributeLabels={attributeLabels}
        />
      </Suspense>
      {typeof query.added === "string" && /^\d+$/.test(query.added) && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {query.added === "0" ? `${name} had every value you typed already.` : `What you typed was added to ${name}.`}
        </p>
      )}
      {mergeWith && mergeWith !== contact.id && (
        <MergeWithDrawer key={mergeWith} contactIds={[contact.id, mergeWith]} profileHref={`/contacts/${contact.id}`} attributeLabels={attributeLabels} />
      )}

      {/*
        Two columns from 1024 px: who the contact is and its attributes on the left, the notes and the
        timeline on the right, both in view at once. On a phone one column, in the order an agent
        reads it: identifiers, notes and activity first (the column wrappers are `contents` there, so
        each card takes its own place in the order).
      */}
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start">
        <div className="contents lg:block lg:space-y-4">
          <div className="order-1">
            <IdentifiersSection profile={profile} defaultCountryName={countryName(workspace.defaultCountry) ?? workspace.defaultCountry} />
          </div>
          <div className="order-4">
            <AttributesSection profile={profile} agents={agents} definitions={definitions} canManage={can(user.role, "settings.manage")} />
          </div>
          <div className="order-5">
            <TagsSection profile={profile} allTags={allTags} canCreate={can(user.role, "tags.create")} />
          </div>
          <div className="order-6">
            <LinksSection profile={profile} />
          </div>
        </div>
        <div className="contents lg:block lg:space-y-4">
          <div className="order-2">
            <Section id="notes" title="Notes" aside={profile.noteCount ? `${profile.noteCount} in all` : undefined}>
              <NoteForm contactId={contact.id} />
              <div className="mt-4">
                <Suspense fallback={<ListSkeleton rows={2} />}>
                  <NotesList contactId={contact.id} total={profile.noteCount} />
                </Suspense>
              </div>
            </Section>
          </div>
          <div className="order-3">
            <Section id="activity" title="Activity" aside={profile.activityCount ? countOf(profile.activityCount, "event") : undefined}>
              <Suspense key={before ?? "newest"} fallback={<ListSkeleton rows={4} />}>
                <Timeline contactId={contact.id} before={before} canUndoMerge={can(user.role, "contacts.merge")} name={name} />
              </Suspense>
            </Section>
          </div>
          {can(user.role, "audit.history") && (
            <div className="order-7">
              <Section id="history" title="History">
                <Suspense key={historyBefore ?? "newest"} fallback={<ListSkeleton rows={4} />}>
                  <History contactId={contact.id} before={historyBefore} />
                </Suspense>
              </Section>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

interface TrashedProfileProps {
  profile: NonNullable<Awaited<ReturnType<typeof loadProfile>>>;
  name: string;
  canErase: boolean;
  canDownload: boolean;
}

interface ContactTitleProps {
  contact: { fullName: string | null; contactKey: string; company: string | null };
  name: string;
  /** The badges after the Contact ID and company. */
  children: React.ReactNode;
}

/** The profile's name, Contact ID and company, live or in Trash. */
function ContactTitle({ contact, name, children }: ContactTitleProps) {
  return (
    <>
      <h1 className="text-2xl font-semibold break-words">{contact.fullName ?? <span className="text-slate-500">{name}</span>}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>
          Contact ID <span className="font-mono text-slate-800">{contact.contactKey}</span>
        </span>
        {contact.company && <span>· {contact.company}</span>}
        {children}
      </p>
    </>
  );
}

/** What an admin sees of a contact in Trash: who it is, the banner to restore or delete it for good, and its notes and timeline. */
function TrashedProfile({ profile, name, canErase, canDownload }: TrashedProfileProps) {
  const { contact } = profile;
  const trashedAt = contact.trashedAt!;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p className="text-sm">
        <Link href="/contacts?segment=trash" className="text-indigo-700 hover:underline">
          ← Trash
        </Link>
      </p>
      <header className="min-w-0">
        <ContactTitle contact={contact} name={name}>
          <Badge tone="red">In Trash</Badge>
        </ContactTitle>
        {(profile.phones.length > 0 || profile.emails.length > 0) && (
          <p className="mt-1 text-sm break-words text-slate-600">{[...profile.phones.map((p) => formatPhone(p.e164)), ...profile.emails.map((e) => e.email)].join(" · ")}</p>
        )}
      </header>
      <TrashBanner
        contactId={contact.id}
        name={name}
        trashedAt={trashedAt}
        trashedByName={profile.trashedByName}
        purgeAt={new Date(trashedAt.getTime() + trashDays() * 24 * 60 * 60 * 1000)}
      />
      <GdprActions contactId={contact.id} contactKey={contact.contactKey} canErase={canErase} canDownload={canDownload} />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-2">
        <Section id="notes" title="Notes" aside={profile.noteCount ? `${profile.noteCount} in all` : undefined}>
          <Suspense fallback={<ListSkeleton rows={2} />}>
            <NotesList contactId={contact.id} total={profile.noteCount} />
          </Suspense>
        </Section>
        <Section id="activity" title="Activity" aside={profile.activityCount ? countOf(profile.activityCount, "event") : undefined}>
          <Suspense fallback={<ListSkeleton rows={4} />}>
            <Timeline contactId={contact.id} before={null} canUndoMerge={false} name={name} />
          </Suspense>
        </Section>
      </div>
    </div>
  );
}

const TONES = {
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
};

function Badge({ tone, children }: { tone: keyof typeof TONES; children: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${TONES[tone]}`}>{children}</span>;
}
