import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/auth/mutations";
import { verifyPassword } from "@/lib/auth/password";
import { findInvite, listMembers, listTeamsForUser } from "@/lib/teams/data";
import { acceptInvite, createInvite, createTeam, removeMember, renameTeam, updateMemberRole } from "@/lib/teams/mutations";
import { AppError } from "@/lib/http/errors";
import { addMember, makeOwner, uniqueEmail } from "@/tests/factories";

async function rejection(promise: Promise<unknown>) {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("sign-up", () => {
  it("creates the user with a hashed password and a personal team they own", async () => {
    const email = uniqueEmail("Ada");
    const { user, team } = await createUser({ email: email.toUpperCase(), password: "correct-horse-battery", name: "Ada" });
    expect(user.email).toBe(email.toLowerCase());
    expect(team.name).toBe("Ada's team");
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain("correct-horse");
    expect(await verifyPassword("correct-horse-battery", stored.passwordHash!)).toBe(true);
    expect(await listTeamsForUser(user.id)).toEqual([{ ...team, role: "owner" }]);
  });

  it("refuses a taken email as a field error and changes nothing", async () => {
    const email = uniqueEmail();
    await createUser({ email, password: "first-password" });
    const before = await db().user.count();
    const err = await rejection(createUser({ email, password: "second-password" }));
    expect(err.issues).toEqual([{ path: "email", message: expect.stringContaining("already exists") }]);
    expect(await db().user.count()).toBe(before);
    const stored = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword("first-password", stored.passwordHash!)).toBe(true);
  });
});

describe("teams", () => {
  it("gives each team a unique slug and keeps it on rename", async () => {
    const { user } = await makeOwner();
    const a = await createTeam(user.id, "Growth Team");
    const b = await createTeam(user.id, "Growth team");
    expect([a.slug, b.slug]).toEqual(["growth-team", "growth-team-2"]);
    await renameTeam(a.id as never, user.id, "Growth & Retention");
    const renamed = await db().team.findUniqueOrThrow({ where: { id: a.id } });
    expect([renamed.name, renamed.slug]).toEqual(["Growth & Retention", "growth-team"]);
  });
});

describe("invites", () => {
  it("work once, with the invited role", async () => {
    const { user: owner, team } = await makeOwner();
    const { token } = await createInvite(team.id, owner.id, "viewer");
    const { user: guest } = await createUser({ email: uniqueEmail("guest"), password: "long-enough-pw" });
    expect(await acceptInvite(token, guest.id)).toMatchObject({ slug: team.slug });
    expect((await listMembers(team.id)).find((m) => m.id === guest.id)?.role).toBe("viewer");

    const { user: third } = await createUser({ email: uniqueEmail("third"), password: "long-enough-pw" });
    expect((await rejection(acceptInvite(token, third.id))).message).toMatch(/already been used/);
    expect((await listMembers(team.id)).some((m) => m.id === third.id)).toBe(false);
  });

  it("stores only a hash of the token and refuses unknown and expired tokens", async () => {
    const { user: owner, team } = await makeOwner();
    const { token } = await createInvite(team.id, owner.id, "member");
    const row = await db().invite.findFirstOrThrow({ where: { teamId: team.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const { user: guest } = await createUser({ email: uniqueEmail("guest"), password: "long-enough-pw" });
    expect((await rejection(acceptInvite("not-a-token", guest.id))).message).toMatch(/not valid/);
    await db().invite.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await rejection(acceptInvite(token, guest.id))).message).toMatch(/expired/);
    expect(await findInvite(token)).toMatchObject({ usedAt: null });
  });
});

describe("roles", () => {
  it("always leaves the team an owner", async () => {
    const { user: owner, team } = await makeOwner();
    const err = await rejection(updateMemberRole(team.id, { id: owner.id, role: "owner" }, owner.id, "admin"));
    expect(err.status).toBe(403);
    expect((await rejection(removeMember(team.id, { id: owner.id, role: "owner" }, owner.id))).status).toBe(403);
  });

  it("lets admins manage members but not owners", async () => {
    const { user: owner, team } = await makeOwner();
    const admin = await addMember(team.id, "admin");
    const viewer = await addMember(team.id, "viewer");
    const asAdmin = { id: admin.id, role: "admin" as const };
    await updateMemberRole(team.id, asAdmin, viewer.id, "member");
    expect((await rejection(updateMemberRole(team.id, asAdmin, viewer.id, "owner"))).status).toBe(403);
    expect((await rejection(removeMember(team.id, asAdmin, owner.id))).status).toBe(403);
    await removeMember(team.id, asAdmin, viewer.id);
    expect((await listMembers(team.id)).map((m) => m.role).sort()).toEqual(["admin", "owner"]);
  });
});
