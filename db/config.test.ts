import { describe, expect, test } from "vitest";
import { APP_ROLE, appDatabaseUrl, withDatabase, withUser } from "./config";

describe("database URLs", () => {
  test("the app connects as standby_app on the owner's server and database unless told otherwise", () => {
    expect(APP_ROLE).toBe("standby_app");
    expect(
      appDatabaseUrl({
        DATABASE_URL: "postgres://owner:secret@db.example:5433/standby?sslmode=require",
      }),
    ).toBe("postgres://standby_app@db.example:5433/standby?sslmode=require");
    expect(
      appDatabaseUrl({
        DATABASE_URL: "postgres://owner@db.example/standby",
        APP_DATABASE_PASSWORD: "p@ss:w/rd",
      }),
    ).toBe("postgres://standby_app:p%40ss%3Aw%2Frd@db.example/standby");
    expect(
      appDatabaseUrl({
        APP_DATABASE_URL: "postgres://custom@elsewhere/db",
        DATABASE_URL: "postgres://owner@db/x",
      }),
    ).toBe("postgres://custom@elsewhere/db");
  });

  test("without DATABASE_URL it says what to do", () => {
    expect(() => appDatabaseUrl({})).toThrow(/DATABASE_URL is not set/);
  });

  test("withUser and withDatabase change only their part", () => {
    expect(withUser("postgres://a:b@h:1/d", "u")).toBe("postgres://u@h:1/d");
    expect(withDatabase("postgres://a:b@h:1/postgres", "standby_test_1")).toBe(
      "postgres://a:b@h:1/standby_test_1",
    );
  });
});
