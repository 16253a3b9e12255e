"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { signIn } from "next-auth/react";
import { signUpAction } from "@/lib/auth/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signUpAction, {});
  // React resets the form after the action runs, so keep what was typed for the sign-in that follows
  // and to refill the fields after an error.
  const typed = useRef({ name: "", email: "", password: "" });
  function remember(event: React.FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    typed.current = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
  }

  // The account exists now; sign in with the same credentials through next-auth.
  useEffect(() => {
    if (!state.ok) return;
    const { email, password } = typed.current;
    signIn("credentials", { email, password, redirect: false }).then((result) =>
      window.location.assign(result?.ok ? callbackUrl : "/sign-in"),
    );
  }, [state, callbackUrl]);

  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Create your account</h1>
      {state.error && !Object.keys(errors).length && <Alert>{state.error}</Alert>}
      {state.ok && <Alert tone="success">Account created. Signing you in…</Alert>}
      <form action={action} onSubmit={remember} className="space-y-4" noValidate>
        <Field label="Name (optional)" name="name" autoComplete="name" defaultValue={typed.current.name} error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={typed.current.email} error={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          error={errors.password}
        />
        <SubmitButton className="w-full" pendingLabel="Creating account…">Create account</SubmitButton>
      </form>
      <p className="text-sm text-gray-600">
        Already have an account?{" "}
        <Link className="text-blue-700 underline" href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </div>
  );
}
