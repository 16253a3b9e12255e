export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <p className="text-center text-xl font-semibold tracking-tight">Switchyard</p>
        {children}
      </div>
    </main>
  );
}
