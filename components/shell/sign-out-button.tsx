"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="text-sm text-gray-600 underline hover:text-gray-900">
      Sign out
    </button>
  );
}
