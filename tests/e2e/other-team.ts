// The team the e2e server creates headlessly (contracts §2); no test user is ever a member of it.
export const E2E_OTHER_TEAM = {
  name: "Other Co",
  slug: "other-co",
  email: "other@example.test",
  password: "other-password-1",
  ingestKey: "other-co-ingest-key-000000001",
};
