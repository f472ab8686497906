import { describe, expect, test } from "vitest";
import { parseEnv } from "./env";

const good = {
  AUTH_SECRET: "a-long-random-secret-0123456789",
  APP_DATABASE_URL: "postgres://standby_app:pw@db.example:5432/standby?sslmode=require",
};

describe("the environment, checked once at start", () => {
  test("a complete environment passes, with the defaults filled in", () => {
    const env = parseEnv({
      ...good,
      AUTH_URL: "https://standby.example",
      SMTP_URL: "smtp://u:p@mail.example:587",
    });
    expect(env).toMatchObject({
      ...good,
      AUTH_URL: "https://standby.example",
      MAIL_FROM: "Standby <no-reply@localhost>",
    });
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(
      parseEnv({
        AUTH_SECRET: good.AUTH_SECRET,
        DATABASE_URL: "postgres://owner@localhost/standby",
      }).DATABASE_URL,
    ).toBe("postgres://owner@localhost/standby");
  });

  test("an empty variable counts as unset", () => {
    const env = parseEnv({
      ...good,
      SMTP_URL: "",
      AUTH_URL: "",
      MAIL_FROM: "",
      DATABASE_POOL_SIZE: "",
    });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.AUTH_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("Standby <no-reply@localhost>");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  test("without AUTH_SECRET, or with a short one, it says what to set", () => {
    expect(() => parseEnv({ ...good, AUTH_SECRET: undefined })).toThrow(
      /AUTH_SECRET is not set.*openssl rand/,
    );
    expect(() => parseEnv({ ...good, AUTH_SECRET: "" })).toThrow(/AUTH_SECRET is not set/);
    expect(() => parseEnv({ ...good, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET is too short/);
  });

  test("without a database URL, or with malformed values, it names every problem", () => {
    expect(() => parseEnv({ AUTH_SECRET: good.AUTH_SECRET })).toThrow(
      /Neither APP_DATABASE_URL nor DATABASE_URL is set/,
    );
    let message = "";
    try {
      parseEnv({ AUTH_SECRET: "x", APP_DATABASE_URL: "not a url", DATABASE_POOL_SIZE: "ten" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Standby's environment is not right:/);
    expect(message).toMatch(/AUTH_SECRET is too short/);
    expect(message).toMatch(/APP_DATABASE_URL must be a URL/);
    expect(message).toMatch(/DATABASE_POOL_SIZE/);
  });
});
