"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

/** Copies `value` to the clipboard and says so; falls back to selecting the text where clipboard access is denied. */
export function CopyButton({ value, label = "Copy", targetId }: { value: string; label?: string; targetId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const el = targetId ? document.getElementById(targetId) : null;
      if (el instanceof HTMLInputElement) el.select();
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  }
  return (
    <button type="button" onClick={copy} className={buttonClass("secondary")} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Press Ctrl+C to copy" : label}
    </button>
  );
}
