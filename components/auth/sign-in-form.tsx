"use client";
import Link from "next/link";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  OAuthSignin: "GitHub sign-in could not start. Try again.",
  OAuthCallback: "GitHub sign-in did not complete. Try again.",
  AccessDenied: "GitHub did not share a verified email address, which Switchyard needs.",
};

type Props = { callbackUrl: string; github: boolean; initialError?: string };

export function SignInForm({ callbackUrl, github, initialError }: Props) {
  const [error, setError] = useState(initialError ? (ERRORS[initialError] ?? "Sign-in failed. Try again.") : "");
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError("");
    const result = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    if (result?.ok) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(ERRORS[result?.error ?? ""] ?? "Sign-in failed. Try again.");
  }

  return (
    <div className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Sign in</h1>
      {error && <Alert>{error}</Alert>}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={pending} aria-busy={pending} className={`${buttonClass()} w-full`}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {github && (
        <button type="button" onClick={() => signIn("github", { callbackUrl })} className={`${buttonClass("secondary")} w-full`}>
          Sign in with GitHub
        </button>
      )}
      <p className="text-sm text-gray-600">
        New here?{" "}
        <Link className="text-blue-700 underline" href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
