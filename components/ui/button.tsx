"use client";
import { useFormStatus } from "react-dom";

const variants = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-300",
  secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 disabled:text-gray-400",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 disabled:text-red-300",
};

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; pendingLabel?: string };

export function buttonClass(variant: keyof typeof variants = "primary") {
  return `inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium transition-colors ${variants[variant]}`;
}

/** A form's submit button: disabled with a pending label while the action runs. */
export function SubmitButton({ variant = "primary", pendingLabel, children, className = "", ...rest }: Props) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || rest.disabled} aria-busy={pending} className={`${buttonClass(variant)} ${className}`} {...rest}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
