// Instance-wide values that every server process must agree on (session secret, demo progress).
import { db } from "@/lib/db";

/** Returns the stored value, creating it with make() if absent; with several instances, the first writer wins. */
export async function getOrCreateInstanceSetting(key: string, make: () => string) {
  await db().instanceSetting.createMany({ data: [{ key, value: make() }], skipDuplicates: true });
  return (await db().instanceSetting.findUniqueOrThrow({ where: { key } })).value;
}

export async function setInstanceSetting(key: string, value: string) {
  await db().instanceSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
