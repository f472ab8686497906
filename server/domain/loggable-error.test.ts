import { describe, expect, test } from "vitest";
import { loggableError } from "./loggable-error";

/** What drizzle throws for a failed query: its message repeats the parameters; the cause is the driver's. */
function failedQuery(cause: Error) {
  const error = new Error(
    `Failed query: insert into paper_records (patient_name) values ($1)\nparams: Maria Lopez`,
    { cause },
  );
  error.name = "DrizzleQueryError";
  return Object.assign(error, {
    query: "insert into paper_records (patient_name) values ($1)",
    params: ["Maria Lopez"],
  });
}

function postgresError(message: string, fields: Record<string, string>) {
  return Object.assign(new Error(message), { name: "PostgresError", ...fields });
}

describe("what the log keeps of an unexpected error", () => {
  test("a failed query: its SQL and PostgreSQL's codes, never its parameters, message or detail", () => {
    const logged = loggableError(
      failedQuery(
        postgresError('duplicate key value violates unique constraint "records_name"', {
          code: "23505",
          severity: "ERROR",
          detail: "Key (patient_name)=(Maria Lopez) already exists.",
          constraint_name: "records_name",
          table_name: "paper_records",
        }),
      ),
    );
    expect(logged).toMatchObject({
      error: "DrizzleQueryError",
      query: "insert into paper_records (patient_name) values ($1)",
      postgres: { code: "23505", constraint_name: "records_name", table_name: "paper_records" },
    });
    expect(JSON.stringify(logged)).not.toContain("Maria");
    expect(logged.at?.length).toBeGreaterThan(0);
  });

  test("a driver error on its own keeps its codes, not its message", () => {
    const logged = loggableError(
      postgresError('invalid input syntax for type uuid: "Maria Lopez"', { code: "22P02" }),
    );
    expect(logged.postgres).toEqual({ code: "22P02" });
    expect(JSON.stringify(logged)).not.toContain("Maria");
  });

  test("any other error keeps its name and message; a wrapped one is unwrapped", () => {
    expect(loggableError(new TypeError("x is not a function"))).toMatchObject({
      error: "TypeError",
      message: "x is not a function",
    });
    const wrapped = new Error("wrapper", { cause: failedQuery(new Error("connection ended")) });
    expect(loggableError(wrapped).query).toContain("insert into paper_records");
    expect(loggableError("a string")).toEqual({ error: "string" });
  });
});
