import { describe, expect, it } from "vitest";
import { pgConfig } from "@/prisma/adapters";

describe("pgConfig", () => {
  it("reads a TCP URL's fields, decoded", () => {
    expect(pgConfig("postgresql://us%40er:p%3Ass@db.example:6543/my%20db")).toEqual({ host: "db.example", port: 6543, user: "us@er", password: "p:ss", database: "my db" });
    expect(pgConfig("postgres://127.0.0.1")).toEqual({ host: "127.0.0.1", port: 5432, user: undefined, password: undefined, database: "postgres" });
  });

  it("connects through a Unix socket directory named by ?host=, as libpq does", () => {
    expect(pgConfig("postgresql://postgres@localhost/switchyard?host=/var/run/postgresql")).toMatchObject({ host: "/var/run/postgresql", user: "postgres", database: "switchyard" });
  });
});
