import type postgres from "postgres";

/**
 * Removes the audit entries a benchmark wrote (and only those: `where` names them). Entries are
 * append-only (the audit_log_append_only trigger, migration 0020); the one door is the GDPR
 * erasure setting, set here, transaction-local, in a transaction that does nothing else.
 */
export async function deleteBenchAuditEntries(sql: postgres.Sql, where: postgres.Fragment): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select set_config('switchboard.audit_erasure', 'on', true)`;
    await tx`delete from audit_log where ${where}`;
  });
}
