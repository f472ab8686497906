"use client";

import { useEffect } from "react";
import { forgetDevice } from "@/components/offline/device-copies";

/**
 * On the sign-in page nobody is signed in on this browser (signed out, or the session ended):
 * whatever Standby kept on the device for the outage is deleted, as "Forget this device" does.
 */
export function ForgetOnSignIn() {
  useEffect(() => {
    void forgetDevice().catch(() => {});
  }, []);
  return null;
}
