import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address."));

export const signUpSchema = z.object({
  name: z.string().trim().max(80, "Keep your name under 80 characters.").optional(),
  email: emailSchema,
  password: z
    .string()
    .min(10, "Use at least 10 characters for your password.")
    .max(200, "Keep your password under 200 characters."),
});

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1) });
