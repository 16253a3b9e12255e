"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "@/components/ui/button-class";

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; pendingLabel?: string };

/** A form's submit button: disabled with a pending label while the action runs. */
export function SubmitButton({ variant = "primary", pendingLabel, children, className = "", ...rest }: Props) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || rest.disabled} aria-busy={pending} className={`${buttonClass(variant)} ${className}`} {...rest}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
