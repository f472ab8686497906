export * from "./enums";
export * from "./msps";
export * from "./members";
export * from "./practices";
export * from "./audit";
export * from "./sign-in-attempts";
export * from "./plans";
